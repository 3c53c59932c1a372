/** Test helper: the message of the FileMistakes an importer throws for a text (fails the test if none). */
import assert from 'node:assert/strict';
import { FileMistakes } from '../../core/mistakes.js';

export function mistakesOf(convert: (text: string) => unknown, text: string): string {
  try {
    convert(text);
  } catch (err) {
    assert.ok(err instanceof FileMistakes, `not a FileMistakes: ${String(err)}`);
    return err.message;
  }
  assert.fail('the file was accepted');
}
