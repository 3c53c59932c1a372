/**
 * SimpleQA (OpenAI, 2024): short fact-seeking questions with one answer each, CSV with columns
 * `metadata` (a Python-dict string with the topic), `problem`, `answer`. Imported as the
 * hallucination suite's answerable items, graded by its rule grader or SimpleQA-style judges.
 */
import { readCsvFile } from '../csv-file.js';
import { FileMistakes, type Mistake } from '../../suites/yaml/mistakes.js';
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
    const parsed = readCsvFile(text, file, ['problem', 'answer']);
    const mistakes: Mistake[] = [];
    const items = parsed.records.flatMap(({ record, line }, i) => {
      if (!record.problem?.trim() || !record.answer?.trim()) {
        mistakes.push({ file, line, field: record.problem?.trim() ? 'answer' : 'problem', message: 'empty' });
        return [];
      }
      return [{
        id: `simpleqa-${String(i + 1).padStart(5, '0')}`,
        kind: 'answerable',
        category: topicOf(record.metadata ?? ''),
        question: record.problem.trim(),
        answers: [record.answer.trim()],
        source: 'SimpleQA',
      }];
    });
    if (mistakes.length) throw new FileMistakes(mistakes.slice(0, 50));
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
  return topic ? topic.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : 'uncategorised';
}
