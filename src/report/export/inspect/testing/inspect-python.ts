/**
 * Test helper: a Python with Inspect AI installed, to read exported logs with Inspect's own
 * reader. CROSSCHECK_INSPECT_PYTHON names one; otherwise a venv is built once (cached in the
 * temporary folder) the way ../shared/bench/peers/inspect/bench.sh builds its own: offline from
 * its wheelhouse when there is one, else from PyPI. When neither works (PyPI is unreachable on
 * some machines), the caller skips with the reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../../core/package-root.js';

export const INSPECT_VERSION = '0.3.251';
const OPENAI_PY_VERSION = '2.54.0';
const WHEELHOUSE = join(packageRoot(), '..', 'shared', 'bench', 'peers', 'inspect', 'wheelhouse');

export function inspectPython(): { python: string } | { skip: string } {
  if (process.env.CROSSCHECK_INSPECT_PYTHON) return { python: process.env.CROSSCHECK_INSPECT_PYTHON };
  const venv = join(tmpdir(), `crosscheck-inspect-${INSPECT_VERSION}`);
  const python = join(venv, 'bin', 'python');
  if (works(python)) return { python };
  rmSync(venv, { recursive: true, force: true });
  if (spawnSync('python3', ['-m', 'venv', venv]).status !== 0) return { skip: 'python3 -m venv failed: no Python to read Inspect logs with' };
  const pins = [`inspect-ai==${INSPECT_VERSION}`, `openai==${OPENAI_PY_VERSION}`];
  const offline = existsSync(WHEELHOUSE);
  const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '--quiet', ...(offline ? ['--no-index', '--find-links', WHEELHOUSE] : ['--timeout', '15', '--retries', '0']), ...pins], {
    env: { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_CACHE_DIR: '1' },
    encoding: 'utf8', timeout: 600_000,
  });
  if (pip.status === 0 && works(python)) return { python };
  rmSync(venv, { recursive: true, force: true });
  const why = (pip.stderr || pip.error?.message || '').trim().split('\n').at(-1);
  return { skip: `cannot install inspect-ai ${INSPECT_VERSION} (${offline ? `from ${WHEELHOUSE}` : `no wheelhouse at ${WHEELHOUSE}, and PyPI`}: ${why})` };
}

function works(python: string): boolean {
  return existsSync(python) && spawnSync(python, ['-c', 'import inspect_ai'], { timeout: 120_000 }).status === 0;
}
