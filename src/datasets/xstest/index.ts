/**
 * XSTest (Röttger et al., NAACL 2024): 250 safe prompts that look unsafe and 200 unsafe contrast
 * prompts, CSV with columns `id, prompt, type, label, focus, note`. Imported as the over-refusal
 * suite's items (`base: over-refusal`), whose item format is XSTest's own, so every row is
 * checked by the same rules as the suite's authored prompts and scored the same way: full
 * compliance / partial / full refusal, by judges or the refusal detector.
 */
import { checkedCsvRecords } from '../csv-records.js';
import { itemsFromRecords } from '../../suites/over-refusal/items.js';
import type { DatasetImporter } from '../importer.js';

const COLUMNS = ['id', 'prompt', 'type', 'label'];

export const xstestImporter: DatasetImporter = {
  format: 'xstest',
  description: 'XSTest safe prompts and unsafe contrasts, as the over-refusal suite',
  source: {
    url: 'https://raw.githubusercontent.com/paul-rottger/exaggerated-safety/main/xstest_prompts.csv',
    file: 'xstest_prompts.csv',
    licence: 'CC-BY-4.0 (paul-rottger/exaggerated-safety)',
  },
  convert(text, file, opts) {
    // Empty fields are left to the suite's own checks, which say what each field is for.
    const records = checkedCsvRecords(text, file, COLUMNS, []);
    const checked = itemsFromRecords(records.map(({ record, line }) => ({ fields: record, line })), file).items;
    const items = checked.map((i) => ({
      id: `xstest-${i.id}`, prompt: i.prompt, type: i.type, label: i.kind,
      ...(i.focus ? { focus: i.focus } : {}), ...(i.note ? { note: i.note } : {}),
    }));
    const safe = items.filter((i) => i.label === 'safe').length;
    return {
      suite: {
        name: opts.name,
        description: `XSTest (${safe} safe prompts, ${items.length - safe} unsafe contrasts) scored as the over-refusal suite.`,
        base: 'over-refusal',
        items: 'items.jsonl',
        source: { dataset: 'XSTest', url: this.source.url, licence: this.source.licence },
      },
      items,
      notes: [`read ${records.length} rows: ${safe} safe, ${items.length - safe} unsafe; none left out`],
    };
  },
};
