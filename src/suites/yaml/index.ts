/**
 * A suite without code: a folder with a suite.yaml and an items file (JSONL or CSV), run with
 * `crosscheck eval ./my-suite --model ...`. Every mistake in either file is reported with its
 * file, line and field before any model is called. The format: src/suites/yaml/README.md.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/messages.js';
import { sha256Hex } from '../../core/sha256.js';
import type { Sample, Suite } from '../../core/suite.js';
import type { SuiteLoadOptions, SuitePlugin } from '../plugin.js';
import { selectSamples } from '../select.js';
import { scriptedTurns } from '../solvers/scripted-turns.js';
import { singleTurn } from '../solvers/single-turn.js';
import { basedSuiteSchema, isJudged, suiteSchema, type BasedSuiteDefinition, type SuiteDefinition } from './definition.js';
import { readItemRecords, readItems, type Item } from './items.js';
import { crossFieldMistakes, yamlMeasures } from './measures.js';
import { FileMistakes } from '../../core/mistakes.js';
import { buildScorer } from './scorers.js';
import { readValidatedYaml } from './validated-yaml.js';

export const SUITE_FILE = 'suite.yaml';

/** Placeholders a judge prompt may use that are not item fields. */
const JUDGE_VARS = new Set(['output', 'conversation', 'input', 'target']);

/** A command-line suite argument that names a folder (or its suite.yaml) rather than a shipped suite. */
export function isSuitePath(arg: string): boolean {
  return arg.includes('/') || arg.includes('\\') || arg.endsWith('.yaml') || arg.endsWith('.yml') || existsSync(join(arg, SUITE_FILE));
}

/** The folder holding the suite, from a folder or a suite.yaml path. */
export function suiteFolder(arg: string): string {
  const abs = resolve(arg);
  return existsSync(abs) && statSync(abs).isFile() ? dirname(abs) : abs;
}

/**
 * Reads and checks a suite.yaml (schema and cross-field checks); every mistake at once, with its
 * line. A file with `base:` runs a shipped suite on its own items (basedSuiteSchema).
 */
export function readSuiteDefinition(arg: string): SuiteDefinition | BasedSuiteDefinition {
  const dir = suiteFolder(arg);
  const file = existsSync(resolve(arg)) && statSync(resolve(arg)).isFile() ? resolve(arg) : join(dir, SUITE_FILE);
  const shown = shownPath(file);
  if (declaresBase(file)) {
    const based = readValidatedYaml(file, basedSuiteSchema, shown);
    if (!SHIPPED.has(based.value.base)) {
      throw new FileMistakes([{ file: shown, line: based.lineOf(['base']), field: 'base', message: `no shipped suite is named "${based.value.base}" (see crosscheck suites)` }]);
    }
    return based.value;
  }
  const { value, lineOf } = readValidatedYaml(file, suiteSchema, shown);
  const mistakes = crossFieldMistakes(value, lineOf, shown);
  if (mistakes.length) throw new FileMistakes(mistakes);
  return value;
}

/** The shipped suites a `base:` may name: set by the registry, which imports this module. */
const SHIPPED = new Map<string, SuitePlugin>();
export function shippedSuitesForBase(plugins: readonly SuitePlugin[]): void {
  for (const p of plugins) SHIPPED.set(p.name, p);
}

function declaresBase(file: string): boolean {
  try {
    return /^base\s*:/m.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

export function yamlSuitePlugin(dir: string, def: SuiteDefinition | BasedSuiteDefinition): SuitePlugin {
  if ('base' in def) return basedPlugin(dir, def);
  return {
    name: def.name,
    description: def.description,
    measures: yamlMeasures(def),
    load: (opts) => loadYamlSuite(dir, def, opts),
  };
}

/** A shipped suite on the folder's items: its measures at once, its items read at load. */
function basedPlugin(dir: string, def: BasedSuiteDefinition): SuitePlugin {
  const base = SHIPPED.get(def.base);
  if (!base) throw new UsageError(`suite ${def.name} is based on "${def.base}", which this Crosscheck does not ship`);
  if (!base.withItems) throw new UsageError(`suite ${def.base} cannot run on other items (it has no item format of its own)`);
  return {
    name: def.name,
    description: def.description,
    measures: base.measures,
    reviewGuide: base.reviewGuide,
    load: (opts) => {
      const current = existsSync(join(dir, SUITE_FILE)) ? readSuiteDefinition(dir) : def;
      const file = join(dir, ('items' in current ? current.items : def.items));
      const { items } = readItemRecords(file, shownPath(file));
      return base.withItems!(items, { name: def.name, description: def.description, file: shownPath(file) }).load(opts);
    },
  };
}

function loadYamlSuite(dir: string, storedDef: SuiteDefinition, opts: SuiteLoadOptions): Suite {
  // Read the files again: a suite changed since a run started gets a new version, and resume refuses it.
  const reread = existsSync(join(dir, SUITE_FILE)) ? readSuiteDefinition(dir) : storedDef;
  if ('base' in reread) throw new UsageError(`the suite in ${shownPath(dir)} now runs "${reread.base}": start a new run`);
  const def = reread;
  const itemsFile = join(dir, def.items);
  const required = requiredFields(def);
  const { items, text } = readItems(itemsFile, shownPath(itemsFile), def.fields, required, def.scorers.some((s) => s.type === 'match'));
  const samples = selectSamples(items.map((item) => toSample(item, def)), opts);
  if (samples.length === 0) throw new UsageError(`no samples of suite ${def.name} match --category ${opts.category?.join(',')}`);
  const scorers = def.scorers.map(buildScorer);
  if (!opts.judged && def.scorers.every(isJudged)) {
    throw new UsageError(`suite ${def.name} is graded only by judges: add --judge PROVIDER:MODEL`);
  }
  return {
    name: def.name,
    description: def.description,
    version: sha256Hex(JSON.stringify({ def, items: text })).slice(0, 16),
    samples,
    solver: def.turns?.length ? scriptedTurns((s) => def.turns!.map((t) => fill(t, vars(s)))) : singleTurn,
    scorers,
    defaultParams: def.params,
  };
}

/** Fields every item must have: the input, every {{placeholder}} of the prompts, every grouping key. */
function requiredFields(def: SuiteDefinition): string[] {
  const texts = [def.prompt ?? '', def.system ?? '', ...(def.turns ?? [])];
  const judged = def.scorers.flatMap((s) => (s.type === 'classify' ? [s.prompt] : []));
  const fromPrompts = texts.flatMap(placeholders).map((p) => (p === 'input' ? def.fields.input : p));
  const fromJudges = judged.flatMap(placeholders).filter((p) => !JUDGE_VARS.has(p));
  return [...new Set([def.fields.input, ...fromPrompts, ...fromJudges, ...(def.groups ?? [])])];
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w-]+)\s*\}\}/g)].map((m) => m[1]);
}

function vars(sample: { metadata: Record<string, unknown> }): Record<string, string> {
  return Object.fromEntries(Object.entries(sample.metadata).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]));
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function toSample(item: Item, def: SuiteDefinition): Sample {
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item.fields)) if (k !== def.fields.target && k !== def.fields.id) metadata[k] = v;
  const values = { ...vars({ metadata }), input: String(item.fields[def.fields.input]) };
  const input: ChatMessage[] = [
    ...(def.system ? [{ role: 'system' as const, content: fill(def.system, values) }] : []),
    { role: 'user', content: fill(def.prompt ?? '{{input}}', values) },
  ];
  return { id: item.id, input, target: item.target, metadata };
}

function shownPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}
