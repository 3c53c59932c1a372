import type { CommandIo } from '../io.js';

/** TEST HELPER: a CommandIo that keeps what a command prints. */
export function captureIo(env: NodeJS.ProcessEnv): CommandIo & { stdout: string; stderr: string } {
  const io = { env, stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}
