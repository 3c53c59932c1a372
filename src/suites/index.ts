/**
 * The suite registry: one line per suite shipped with Crosscheck. A folder holding a suite.yaml
 * is a suite too (`crosscheck eval ./my-suite`), loaded by src/suites/yaml/.
 */
import { UsageError } from '../core/errors.js';
import type { RunConfig } from '../core/run-record.js';
import { hallucinationSuite } from './hallucination/index.js';
import type { SuiteLoadOptions, SuitePlugin } from './plugin.js';
import type { Suite } from '../core/suite.js';

const SUITES: Record<string, SuitePlugin> = {
  hallucination: hallucinationSuite,
};

export const SUITE_NAMES = Object.keys(SUITES);

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
  return suitePlugin(config.suite);
}
