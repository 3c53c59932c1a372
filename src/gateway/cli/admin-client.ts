import { ConfigError, CrosscheckError } from '../../core/errors.js';
import { loadGatewayConfig } from '../config.js';

/**
 * The `grant` commands talk to a running gateway's admin API (not to its store), so that every
 * grant change goes through the gateway and into its audit log. The gateway is found through
 * gateway.yaml (listen host and port, or --url), the admin key in the variable adminKeyEnv names.
 */
export interface AdminTarget {
  url: string;
  adminKey: string;
}

export function adminTarget(configPath: string, urlFlag: string | undefined, env: NodeJS.ProcessEnv): AdminTarget {
  const config = loadGatewayConfig(configPath);
  const adminKey = env[config.adminKeyEnv]?.trim();
  if (!adminKey) throw new ConfigError(`${config.adminKeyEnv} is not set: export the gateway's admin key to manage grants`);
  const { host, port } = config.listen;
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { url: (urlFlag ?? `http://${reachable}:${port}`).replace(/\/+$/, ''), adminKey };
}

export async function adminRequest(target: AdminTarget, method: string, path: string, body?: unknown): Promise<any> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${target.adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new CrosscheckError(`cannot reach the gateway at ${target.url}: is \`crosscheck gateway serve\` running?`);
  }
  const json = (await res.json().catch(() => null)) as any;
  if (!res.ok) throw new CrosscheckError(`gateway refused (${res.status}): ${json?.error?.message ?? res.statusText}`);
  return json;
}
