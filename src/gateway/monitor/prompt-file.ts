/**
 * Reads the prompts an evaluation will send from a suite file, for declaring them with a grant
 * (`grant create --prompts FILE`) or fingerprinting them (`grant fingerprint FILE`):
 *
 *   - .jsonl: one item per line;  .json / .yaml / .yml: a list of items, or { items | samples | prompts: [...] };
 *   - .txt: one prompt per non-empty line;
 *   - a fingerprint file (crosscheck-prompt-fingerprints/v1, .json) is passed on as it is.
 *
 * An item is a string, or an object whose prompt text is in `messages` / `input` (a message list:
 * system, developer and user turns each become a declared prompt; assistant turns are left out),
 * `turns` (strings or messages), or a string field `prompt`, `question`, `input`, `query`,
 * `instruction`, `text`, `content` or `system`. Identical texts are declared once.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../core/errors.js';
import { FINGERPRINT_FORMAT, type FingerprintFile, checkFingerprintFile } from './fingerprint.js';

export type DeclaredSource = { name: string; texts: string[] } | { name: string; fingerprints: FingerprintFile };

const TEXT_FIELDS = ['system', 'prompt', 'question', 'input', 'query', 'instruction', 'text', 'content'];
const LIST_FIELDS = ['items', 'samples', 'prompts'];

function contentOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (typeof p === 'string' ? p : typeof p?.text === 'string' ? p.text : '')).filter(Boolean).join('\n');
}

function messageTexts(messages: unknown[]): string[] {
  return messages.flatMap((m) => {
    if (typeof m === 'string') return [m];
    if (!m || typeof m !== 'object') return [];
    const role = (m as { role?: unknown }).role ?? 'user';
    return role === 'assistant' || role === 'tool' ? [] : [contentOf((m as { content?: unknown }).content)];
  });
}

function itemTexts(item: unknown): string[] {
  if (typeof item === 'string') return [item];
  if (!item || typeof item !== 'object' || Array.isArray(item)) return [];
  const o = item as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['messages', 'input', 'turns']) if (Array.isArray(o[key])) out.push(...messageTexts(o[key] as unknown[]));
  for (const key of TEXT_FIELDS) if (typeof o[key] === 'string') out.push(o[key] as string);
  return out;
}

function listOf(doc: unknown, source: string): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (doc && typeof doc === 'object') {
    for (const key of LIST_FIELDS) if (Array.isArray((doc as Record<string, unknown>)[key])) return (doc as Record<string, unknown[]>)[key];
  }
  throw new ConfigError(`${source}: expected a list of items, or { ${LIST_FIELDS.join(' | ')}: [...] }`);
}

/** The declared prompts in a file's text; `source` names the file in errors and in the grant. */
export function parsePromptFile(text: string, source: string): DeclaredSource {
  const name = basename(source);
  const ext = extname(source).toLowerCase();
  let items: unknown[];
  if (ext === '.txt') {
    items = text.split(/\r?\n/).filter((l) => l.trim());
  } else if (ext === '.jsonl') {
    items = text.split(/\r?\n/).flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line)];
      } catch {
        throw new ConfigError(`${source}: line ${i + 1} is not valid JSON`);
      }
    });
  } else if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    let doc: unknown;
    try {
      doc = ext === '.json' ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      throw new ConfigError(`${source}: not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
    }
    if ((doc as { format?: unknown } | null)?.format === FINGERPRINT_FORMAT) return { name, fingerprints: checkFingerprintFile(doc, source) };
    items = listOf(doc, source);
  } else {
    throw new ConfigError(`${source}: declare prompts in a .jsonl, .json, .yaml or .txt file (or a fingerprint .json)`);
  }
  const texts: string[] = [];
  items.forEach((item, i) => {
    const found = itemTexts(item).filter((t) => t.trim());
    if (!found.length) throw new ConfigError(`${source}: item ${i + 1} has no prompt text (expected a string, messages, turns, or a prompt / question / input field)`);
    texts.push(...found);
  });
  if (!texts.length) throw new ConfigError(`${source}: no prompts in the file`);
  return { name, texts: [...new Set(texts)] };
}

export function readPromptFile(path: string): DeclaredSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read prompt file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parsePromptFile(text, path);
}
