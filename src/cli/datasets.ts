import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { UsageError } from '../core/errors.js';
import { allImporters, DATASET_FORMATS, datasetImporter } from '../datasets/index.js';
import type { DatasetImporter } from '../datasets/importer.js';
import { textTable } from '../report/text-table.js';
import { formatFlag, parse } from './args.js';

export const DATASETS_USAGE = `crosscheck datasets list [--format text|json]
crosscheck datasets import FORMAT [FILE] [--out DIR] [--name NAME] [--force]

Turns a public benchmark's file into a suite folder (suite.yaml + items.jsonl) that
\`crosscheck eval DIR --model ...\` runs. Formats: ${DATASET_FORMATS.join(', ')}. Without FILE the
canonical public file is downloaded when the network allows; offline, the error names it.
  list               the formats, what each becomes, and its canonical file
  --format text|json for list: a table (default), or JSON (--json)
  --out DIR          the suite folder to write (default: the name)
  --name NAME        the suite's name (default: the format)
  --force            write into a folder that is not empty`;

const options = { out: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' }, format: { type: 'string' }, json: { type: 'boolean' } } as const;

export async function datasetsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'datasets');
  const [sub, format, file] = positionals;
  if (sub === 'list') {
    const importers = allImporters().map((i) => ({ format: i.format, description: i.description, url: i.source.url }));
    if (formatFlag(values, ['text', 'json'] as const) === 'json') process.stdout.write(`${JSON.stringify(importers, null, 2)}\n`);
    else process.stdout.write(textTable(['format', 'what it becomes', 'canonical file'], importers.map((i) => [i.format, i.description, i.url])));
    return 0;
  }
  if (sub !== 'import' || !format || positionals.length > 3) throw new UsageError('datasets takes: datasets list, or datasets import FORMAT [FILE] [--out DIR]');
  const importer = datasetImporter(format);
  const name = values.name ?? format;
  const out = values.out ?? name;
  if (existsSync(out) && readdirSync(out).length > 0 && !values.force) throw new UsageError(`${out} exists and is not empty: choose another --out, or --force to overwrite`);
  const { text, shown } = file ? readInput(file) : await download(importer);
  const imported = importer.convert(text, shown, { name });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'suite.yaml'), `# Imported by crosscheck datasets import ${format} from ${basename(shown)}\n${stringify(imported.suite)}`);
  writeFileSync(join(out, 'items.jsonl'), imported.items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  process.stdout.write(`wrote ${imported.items.length} items to ${join(out, 'items.jsonl')}; run: crosscheck eval ${out} --model PROVIDER:MODEL\n`);
  for (const note of imported.notes ?? []) process.stdout.write(`${note}\n`);
  return 0;
}

function readInput(file: string): { text: string; shown: string } {
  try {
    return { text: readFileSync(file, 'utf8'), shown: file };
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/** The canonical file, when the network allows; offline, one line saying what to download. */
async function download(importer: DatasetImporter): Promise<{ text: string; shown: string }> {
  const { url, file, urls } = importer.source;
  const offline = (what: string, why: string) => new UsageError(
    `no file given and ${what} could not be fetched (${why}): download ${file}${urls ? ` (listed at ${url})` : ''} and run crosscheck datasets import ${importer.format} ${urls ? 'FILE (one of them, or several joined)' : file}`,
  );
  const texts: string[] = [];
  for (const part of urls ?? [url]) {
    let res: Response;
    try {
      res = await fetch(part, { signal: AbortSignal.timeout(30_000) });
    } catch (err) {
      throw offline(part, ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message);
    }
    if (!res.ok) throw offline(part, `HTTP ${res.status}`);
    texts.push((await res.text()).replace(/\n?$/, '\n'));
  }
  return { text: texts.join(''), shown: urls ? `${importer.format} (downloaded from ${url})` : file };
}
