/**
 * A YAML file read against a zod schema, with every mistake placed at its line: syntax errors
 * from the yaml parser, then every schema issue (wrong type, missing field, unknown field).
 */
import { readFileSync } from 'node:fs';
import { Document, isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../../core/errors.js';
import { fieldPath, FileMistakes, type Mistake } from '../../core/mistakes.js';

export interface ValidatedYaml<T> {
  value: T;
  /** The file's text, for version hashes. */
  text: string;
  /** The line of a field, for cross-field checks made after the schema. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function readValidatedYaml<S extends z.ZodType>(file: string, schema: S, shownAs = file): ValidatedYaml<z.output<S>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${shownAs}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return validateYamlText(text, schema, shownAs);
}

export function validateYamlText<S extends z.ZodType>(text: string, schema: S, shownAs: string): ValidatedYaml<z.output<S>> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lines.linePos(offset).line;
  if (doc.errors.length) {
    throw new FileMistakes(doc.errors.map((e) => ({ file: shownAs, line: lineAt(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` })));
  }
  const lineOf = (path: readonly PropertyKey[]) => nodeLine(doc, path, lineAt);
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const mistakes: Mistake[] = parsed.error.issues.map((issue) => {
      const path = issue.path as PropertyKey[];
      if (issue.code === 'unrecognized_keys') {
        const key = (issue as { keys: string[] }).keys[0];
        return { file: shownAs, line: keyLine(doc, path, key, lineAt) ?? lineOf(path), field: fieldPath([...path, key]), message: `unknown field "${key}"` };
      }
      const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
      return {
        file: shownAs,
        line: lineOf(path),
        field: fieldPath(path) || undefined,
        message: missing ? 'missing (required)' : issue.message,
      };
    });
    throw new FileMistakes(mistakes);
  }
  return { value: parsed.data as z.output<S>, text, lineOf };
}

/** The line of the deepest node on the path that exists (a missing field is reported at its parent). */
function nodeLine(doc: Document, path: readonly PropertyKey[], lineAt: (offset: number) => number): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : (doc.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined);
    const range = node && (isScalar(node) || isMap(node) || 'range' in node) ? (node as Node).range : undefined;
    if (range) return lineAt(range[0]);
  }
  return undefined;
}

function keyLine(doc: Document, path: readonly PropertyKey[], key: string, lineAt: (offset: number) => number): number | undefined {
  const parent = path.length ? doc.getIn(path as unknown[], true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? lineAt(range[0]) : undefined;
}
