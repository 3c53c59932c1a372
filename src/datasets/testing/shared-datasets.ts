/**
 * Test helper: the public datasets kept beside the package (../shared/datasets, never copied into
 * the repository). A test of a real file skips, saying why, when the file is not there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';

export const SHARED_DATASETS = join(packageRoot(), '..', 'shared', 'datasets');

export function sharedFile(...parts: string[]): { path: string; skip: string | false } {
  const path = join(SHARED_DATASETS, ...parts);
  return { path, skip: existsSync(path) ? false : `${parts.join('/')} not found under ${SHARED_DATASETS}` };
}
