import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Crosscheck's package.json. Compiled code runs from dist/src/..., while
 * data files (suite items) ship under src/, so both are found from here.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Crosscheck package root');
    dir = up;
  }
  return dir;
}
