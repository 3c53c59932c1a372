import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startCli } from '../../cli/testing/run-cli.js';

/**
 * TEST HELPER: `crosscheck gateway serve --config FILE` in a child process, as an operator runs
 * it; resolves once it prints its URL and its log's verifier key.
 */
export interface ServedGateway {
  server: ChildProcess;
  url: string;
  verifierKey: string;
  /** SIGTERM, then waits for the exit; safe to call twice. */
  stop(): Promise<void>;
}

export async function serveGateway(config: string, env: NodeJS.ProcessEnv): Promise<ServedGateway> {
  const server = startCli(['gateway', 'serve', '--config', config], { env });
  let logs = '';
  server.stderr!.on('data', (d) => (logs += d));
  const exited = new Promise<void>((r) => server.on('exit', () => r()));
  const { url, verifierKey } = await new Promise<{ url: string; verifierKey: string }>((resolve, reject) => {
    let url = '';
    createInterface({ input: server.stdout! }).on('line', (line) => {
      url ||= /gateway listening on (\S+)/.exec(line)?.[1] ?? '';
      const key = /verify checkpoints with (\S+)/.exec(line)?.[1];
      if (url && key) resolve({ url, verifierKey: key });
    });
    server.on('exit', (code) => reject(new Error(`gateway exited ${code}: ${logs}`)));
  });
  return {
    server, url, verifierKey,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}
