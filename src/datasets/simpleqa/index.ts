/**
 * SimpleQA (OpenAI, 2024): short fact-seeking questions with one answer each, CSV with columns
 * `metadata` (a Python-dict string with the topic), `problem`, `answer`. Imported as the
 * hallucination suite's answerable items, graded by its rule grader or SimpleQA-style judges.
 */
import { checkedCsvRecords, slug } from '../csv-records.js';
import type { DatasetImporter } from '../importer.js';

export const simpleqaImporter: DatasetImporter = {
  format: 'simpleqa',
  description: 'SimpleQA short-answer questions, as answerable items of the hallucination suite',
  source: {
    url: 'https://openaipublic.blob.core.windows.net/simple-evals/simple_qa_test_set.csv',
    file: 'simple_qa_test_set.csv',
    licence: 'MIT (openai/simple-evals)',
  },
  convert(text, file, opts) {
    const items = checkedCsvRecords(text, file, ['problem', 'answer']).map(({ record }, i) => ({
      id: `simpleqa-${String(i + 1).padStart(5, '0')}`,
      kind: 'answerable',
      category: topicOf(record.metadata ?? ''),
      question: record.problem.trim(),
      answers: [record.answer.trim()],
      source: 'SimpleQA',
    }));
    return {
      suite: {
        name: opts.name,
        description: `SimpleQA (${items.length} questions) scored as the hallucination suite's answerable items.`,
        base: 'hallucination',
        items: 'items.jsonl',
        source: { dataset: 'SimpleQA', url: this.source.url, licence: this.source.licence },
      },
      items,
    };
  },
};

/** "{'topic': 'Science and technology', ...}" → "science-and-technology". */
function topicOf(metadata: string): string {
  const topic = /['"]topic['"]\s*:\s*['"]([^'"]+)['"]/.exec(metadata)?.[1];
  return topic ? slug(topic) : 'uncategorised';
}
