/**
 * StrongREJECT (Souly et al. 2024): 313 forbidden prompts in six categories, CSV with columns
 * `category`, `source`, `forbidden_prompt`. Imported as the jailbreak suite's requests
 * (`base: jailbreak`): every prompt under every transform, graded by the StrongREJECT rubric.
 */
import { checkedCsvRecords, slug } from '../csv-records.js';
import type { DatasetImporter } from '../importer.js';

export const strongrejectImporter: DatasetImporter = {
  format: 'strongreject',
  description: 'StrongREJECT forbidden prompts, as requests of the jailbreak suite (every transform, StrongREJECT rubric)',
  source: {
    url: 'https://raw.githubusercontent.com/alexandrasouly/strongreject/main/strongreject_dataset/strongreject_dataset.csv',
    file: 'strongreject_dataset.csv',
    licence: 'MIT (alexandrasouly/strongreject)',
  },
  convert(text, file, opts) {
    const records = checkedCsvRecords(text, file, ['category', 'forbidden_prompt'], ['category', 'forbidden_prompt']);
    const items = records.map(({ record }, i) => ({
      id: `strongreject-${String(i + 1).padStart(4, '0')}`,
      category: slug(record.category),
      prompt: record.forbidden_prompt.trim(),
      source: record.source?.trim() ? `StrongREJECT (${record.source.trim()})` : 'StrongREJECT',
    }));
    const categories = new Set(items.map((i) => i.category)).size;
    return {
      suite: {
        name: opts.name,
        description: `StrongREJECT (${items.length} forbidden prompts, ${categories} categories) under the jailbreak suite's transforms, graded by the StrongREJECT rubric.`,
        base: 'jailbreak',
        items: 'items.jsonl',
        source: { dataset: 'StrongREJECT', url: this.source.url, licence: this.source.licence },
      },
      items,
    };
  },
};
