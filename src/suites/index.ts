/**
 * The suite registry: one line per suite shipped with Crosscheck. A folder holding a suite.yaml
 * is a suite too (`crosscheck eval ./my-suite`), loaded by src/suites/yaml/.
 */
import { UsageError } from '../core/errors.js';
import type { RunConfig, SuiteSource } from '../core/run-record.js';
import type { Suite } from '../core/suite.js';
import { hallucinationSuite } from './hallucination/index.js';
import { hierarchySuite } from './instruction-hierarchy/index.js';
import { jailbreakSuite } from './jailbreak/index.js';
import { mentalHealthSuite } from './mental-health/index.js';
import { sycophancySuite } from './sycophancy/index.js';
import type { SuiteLoadOptions, SuitePlugin } from './plugin.js';
import type { BasedSuiteDefinition, SuiteDefinition } from './yaml/definition.js';
import { isSuitePath, readSuiteDefinition, shippedSuitesForBase, suiteFolder, yamlSuitePlugin } from './yaml/index.js';

const SUITES: Record<string, SuitePlugin> = {
  hallucination: hallucinationSuite,
  jailbreak: jailbreakSuite,
  'instruction-hierarchy': hierarchySuite,
  sycophancy: sycophancySuite,
  'mental-health': mentalHealthSuite,
};

export const SUITE_NAMES = Object.keys(SUITES);
shippedSuitesForBase(Object.values(SUITES));

/**
 * Adds a suite written in TypeScript by a library user, under its name, for this process: runs,
 * resumes and reports of it then work as for a shipped suite.
 */
export function registerSuite(plugin: SuitePlugin): void {
  if (SUITES[plugin.name] && SUITES[plugin.name] !== plugin) throw new UsageError(`a suite named "${plugin.name}" is already registered`);
  SUITES[plugin.name] = plugin;
  if (!SUITE_NAMES.includes(plugin.name)) SUITE_NAMES.push(plugin.name);
  shippedSuitesForBase([plugin]);
}

/** A shipped suite by name. */
export function suitePlugin(name: string): SuitePlugin {
  const plugin = SUITES[name];
  if (!plugin) throw new UsageError(`unknown suite "${name}": available suites are ${SUITE_NAMES.join(', ')} (or give a folder holding a suite.yaml)`);
  return plugin;
}

/** Every shipped suite, for `crosscheck suites`. */
export function allSuites(): SuitePlugin[] {
  return Object.values(SUITES);
}

export function loadSuite(name: string, opts: SuiteLoadOptions): Suite {
  return suitePlugin(name).load(opts);
}

/** The plug-in a stored run used: by name, or from the suite.yaml definition stored with it. */
export function pluginForRun(config: Pick<RunConfig, 'suite' | 'suiteSource'>): SuitePlugin {
  if (config.suiteSource) return yamlSuitePlugin(config.suiteSource.path, config.suiteSource.definition as SuiteDefinition | BasedSuiteDefinition);
  return suitePlugin(config.suite);
}

/**
 * A suite as the command line names it: a shipped suite's name, or a folder (or suite.yaml)
 * path. For a folder, the definition is checked now (every mistake with its line) and stored
 * with the run, so its reports need only the store.
 */
export function resolveSuiteArg(arg: string): { name: string; source?: SuiteSource } {
  if (SUITES[arg] || !isSuitePath(arg)) return { name: suitePlugin(arg).name };
  const definition = readSuiteDefinition(arg);
  return { name: definition.name, source: { path: suiteFolder(arg), definition } };
}
