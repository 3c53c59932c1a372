import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';

/** Suite data (JSONL items) ships under src/suites/NAME/ and is read from there. */
export function suiteDataPath(suite: string, ...parts: string[]): string {
  return join(packageRoot(), 'src', 'suites', suite, ...parts);
}
