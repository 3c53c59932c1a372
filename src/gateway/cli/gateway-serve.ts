import { UsageError } from '../../core/errors.js';
import { loadGatewayConfig } from '../config.js';
import { startGateway } from '../start-gateway.js';
import type { ServePartsFactory } from './gateway-parts.js';
import { type CommandIo, countFlag, parseFlags, processIo } from './io.js';

export const GATEWAY_SERVE_USAGE = `usage: crosscheck gateway serve [--config gateway.yaml] [--host HOST] [--port N]
Serves the exchange: OpenAI- and Anthropic-compatible endpoints in front of the config's upstream
models, the admin API for grants, and the audit log with signed checkpoints. Stops on Ctrl-C.
  --config FILE   the gateway's config: upstreams, store, audit, monitor (default gateway.yaml)
  --host HOST     the address to listen on (default: the config's listen.host)
  --port N        the port to listen on; 0 picks a free one (default: the config's listen.port)`;

const options = { config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } } as const;

export interface ServeOptions {
  parts?: ServePartsFactory;
  /** Stops the server (default: SIGINT or SIGTERM). */
  stop?: AbortSignal;
  onListening?(url: string): void;
}

export function gatewayServeCommand(argv: string[]): Promise<number> {
  return gatewayServe(argv, processIo);
}

/** Runs the gateway until stopped; closes connections, providers and stores on the way out. */
export async function gatewayServe(argv: string[], io: CommandIo, opts: ServeOptions = {}): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'gateway serve');
  if (positionals.length) throw new UsageError(`gateway serve: unexpected argument "${positionals[0]}"\n${GATEWAY_SERVE_USAGE}`);
  const config = loadGatewayConfig(values.config ?? 'gateway.yaml');
  const log = (line: string) => io.err(`gateway: ${line}\n`);
  const port = countFlag(values.port, 'port', 0) ?? config.listen.port;
  const running = await startGateway(config, { port, host: values.host, env: io.env, log, parts: opts.parts });
  try {
    io.out(`gateway listening on ${running.url} (models: ${[...config.models.keys()].join(', ')})\n`);
    for (const line of running.banner) io.out(`${line}\n`);
    if (!io.env[config.adminKeyEnv]) io.err(`gateway: admin API off: set ${config.adminKeyEnv} to manage grants\n`);
    opts.onListening?.(running.url);
    await stopped(opts.stop);
    io.out('gateway stopping\n');
    return 0;
  } finally {
    await running.close();
  }
}

function stopped(signal?: AbortSignal): Promise<void> {
  if (signal) return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
