/**
 * HarmBench text behaviours (Mazeika et al. 2024), CSV with columns `Behavior`,
 * `FunctionalCategory` (standard / contextual / copyright), `SemanticCategory`, `Tags`,
 * `ContextString`, `BehaviorID`. Imported as the jailbreak suite's requests: a contextual
 * behaviour is sent with its context first, as HarmBench does. Copyright behaviours are left out:
 * HarmBench grades them by hashing the reproduced text, which a refusal rubric cannot stand in
 * for; the suite's description says how many were left out.
 */
import { FileMistakes, type Mistake } from '../../core/mistakes.js';
import { checkedCsvRecords } from '../csv-records.js';
import type { DatasetImporter } from '../importer.js';

const FUNCTIONAL = ['standard', 'contextual', 'copyright'];

export const harmbenchImporter: DatasetImporter = {
  format: 'harmbench',
  description: 'HarmBench text behaviours (standard and contextual), as requests of the jailbreak suite',
  source: {
    url: 'https://raw.githubusercontent.com/centerforaisafety/HarmBench/main/data/behavior_datasets/harmbench_behaviors_text_all.csv',
    file: 'harmbench_behaviors_text_all.csv',
    licence: 'MIT (centerforaisafety/HarmBench)',
  },
  convert(text, file, opts) {
    const records = checkedCsvRecords(text, file, ['Behavior', 'FunctionalCategory', 'SemanticCategory', 'ContextString', 'BehaviorID'], ['Behavior', 'FunctionalCategory', 'SemanticCategory', 'BehaviorID']);
    const mistakes: Mistake[] = [];
    const seen = new Set<string>();
    const items = [];
    let copyright = 0;
    for (const { record, line } of records) {
      const functional = record.FunctionalCategory.trim();
      const id = record.BehaviorID.trim();
      if (!FUNCTIONAL.includes(functional)) mistakes.push({ file, line, field: 'FunctionalCategory', message: `"${functional}" is not one of ${FUNCTIONAL.join(', ')}` });
      if (seen.has(id)) mistakes.push({ file, line, field: 'BehaviorID', message: `"${id}" is used twice` });
      if (id.includes('/')) mistakes.push({ file, line, field: 'BehaviorID', message: `"${id}" must not contain "/"` });
      seen.add(id);
      if (functional === 'contextual' && !record.ContextString.trim()) mistakes.push({ file, line, field: 'ContextString', message: 'a contextual behaviour needs its context' });
      if (mistakes.length >= 50) break;
      if (functional === 'copyright') {
        copyright++;
        continue;
      }
      const context = record.ContextString.trim();
      items.push({
        id,
        category: record.SemanticCategory.trim().replace(/_/g, '-'),
        prompt: context ? `${context}\n\n---\n\n${record.Behavior.trim()}` : record.Behavior.trim(),
        source: `HarmBench (${functional})`,
      });
    }
    if (mistakes.length) throw new FileMistakes(mistakes);
    if (items.length === 0) throw new FileMistakes([{ file, message: `no standard or contextual behaviours (${copyright} copyright behaviours are left out)` }]);
    return {
      suite: {
        name: opts.name,
        description: `HarmBench (${items.length} standard and contextual behaviours; ${copyright} copyright behaviours left out) under the jailbreak suite's transforms, graded by the StrongREJECT rubric.`,
        base: 'jailbreak',
        items: 'items.jsonl',
        source: { dataset: 'HarmBench', url: this.source.url, licence: this.source.licence },
      },
      items,
    };
  },
};
