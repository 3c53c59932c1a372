/**
 * Proofs over HTTP, both ends in one place so they cannot drift apart:
 *
 *   GET <base>/audit/checkpoint                          → {"checkpoint": "<signed note>"}   (the latest signed)
 *   GET <base>/audit/proof/inclusion?index=I&size=N      → {"proof": ["<hex>", …]}
 *   GET <base>/audit/proof/consistency?from=M&to=N       → {"proof": ["<hex>", …]}
 *
 * The gateway authenticates the caller, then hands the request to handleAuditProofRequest. A
 * grantee loses nothing by asking the grantor for proofs: they only count if they verify against
 * checkpoints the grantee already holds.
 */
import type { AuditLog, ProofSource } from './audit-log.js';

export const AUDIT_PATHS = {
  checkpoint: '/audit/checkpoint',
  inclusion: '/audit/proof/inclusion',
  consistency: '/audit/proof/consistency',
} as const;

export interface ProofResponse {
  status: number;
  body: { checkpoint: string } | { proof: string[] } | { error: string };
}

function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  return v !== null && /^(0|[1-9][0-9]*)$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : undefined;
}

/** Answers an audit route of `url.pathname` (after any prefix is stripped), or undefined if it is not one. */
export async function handleAuditProofRequest(log: AuditLog, url: URL): Promise<ProofResponse | undefined> {
  const bad = (error: string): ProofResponse => ({ status: 400, body: { error } });
  try {
    switch (url.pathname) {
      case AUDIT_PATHS.checkpoint:
        return { status: 200, body: { checkpoint: await log.latestCheckpoint() } };
      case AUDIT_PATHS.inclusion: {
        const index = intParam(url, 'index');
        const size = intParam(url, 'size');
        if (index === undefined || size === undefined) return bad('index and size must be non-negative integers');
        return { status: 200, body: { proof: await log.inclusionProof(index, size) } };
      }
      case AUDIT_PATHS.consistency: {
        const from = intParam(url, 'from');
        const to = intParam(url, 'to');
        if (from === undefined || to === undefined) return bad('from and to must be non-negative integers');
        return { status: 200, body: { proof: await log.consistencyProof(from, to) } };
      }
      default:
        return undefined;
    }
  } catch (e) {
    if (e instanceof RangeError) return bad(e.message);
    throw e;
  }
}

/** A ProofSource that asks a gateway over HTTP (admin key sent as a bearer token). */
export function gatewayProofSource(baseUrl: string, adminKey?: string): ProofSource & { checkpoint(): Promise<string> } {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async (path: string, params: Record<string, number> = {}): Promise<Record<string, unknown>> => {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
    const res = await fetch(url, { headers: adminKey ? { authorization: `Bearer ${adminKey}` } : {} });
    const text = await res.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error(`${path}: HTTP ${res.status}, not JSON`);
    }
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}${typeof body.error === 'string' ? `: ${body.error}` : ''}`);
    return body;
  };
  const proof = (body: Record<string, unknown>): string[] => {
    if (!Array.isArray(body.proof) || !body.proof.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) {
      throw new Error('gateway sent a malformed proof');
    }
    return body.proof as string[];
  };
  return {
    inclusionProof: async (index, size) => proof(await get(AUDIT_PATHS.inclusion, { index, size })),
    consistencyProof: async (from, to) => proof(await get(AUDIT_PATHS.consistency, { from, to })),
    checkpoint: async () => {
      const body = await get(AUDIT_PATHS.checkpoint);
      if (typeof body.checkpoint !== 'string') throw new Error('gateway sent no checkpoint');
      return body.checkpoint;
    },
  };
}
