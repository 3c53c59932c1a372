/**
 * Proofs over HTTP, both ends in one place so they cannot drift apart:
 *
 *   GET <base>/audit/checkpoint                          → {"checkpoint": "<signed note>"}   (the latest signed)
 *   GET <base>/audit/proof/inclusion?index=I&size=N      → {"proof": ["<hex>", …]}
 *   GET <base>/audit/proof/consistency?from=M&to=N       → {"proof": ["<hex>", …]}
 *   GET <base>/audit/key                                 → {"origin": "…", "verifierKey": "…"}  (public: no key needed)
 *   GET <base>/audit/leaf?index=I&size=N                 → {"index", "leafHash", "entry", "salt"?, "size", "proof"}
 *
 * /audit/leaf opens one leaf for a party that holds the call's body (a bundle's verifier): its
 * entry, the salt of the body it commits to (base64; useless without the body) and its inclusion
 * proof in the tree of N leaves. The admin may open any leaf, a grant key only its own grant's.
 *
 * The gateway authenticates the caller, then hands the request to handleAuditProofRequest. A
 * grantee loses nothing by asking the grantor for proofs: they only count if they verify against
 * checkpoints the grantee already holds.
 */
import type { AuditEntry } from '../contracts.js';
import type { AuditLog, ProofSource } from './audit-log.js';

export const AUDIT_PATHS = {
  checkpoint: '/audit/checkpoint',
  inclusion: '/audit/proof/inclusion',
  consistency: '/audit/proof/consistency',
  key: '/audit/key',
  leaf: '/audit/leaf',
} as const;

/** Who asks (the audit route authenticated them): the admin, or the holder of a grant key. */
export interface AuditCaller {
  admin: boolean;
  grantId?: string;
}

/** One opened leaf with its inclusion proof (hex) in the tree of `size` leaves. */
export interface OpenedLeaf {
  index: number;
  leafHash: string;
  entry: AuditEntry;
  /** base64 salt of the body `entry.bodyHash` commits to, when the log keeps bodies. */
  salt?: string;
  size: number;
  proof: string[];
}

export interface ProofResponse {
  status: number;
  body: { checkpoint: string } | { proof: string[] } | { origin: string; verifierKey: string } | OpenedLeaf | { error: string };
}

function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  return v !== null && /^(0|[1-9][0-9]*)$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : undefined;
}

/** Answers an audit route of `url.pathname` (after any prefix is stripped), or undefined if it is not one. */
export async function handleAuditProofRequest(log: AuditLog, url: URL, caller: AuditCaller = { admin: false }): Promise<ProofResponse | undefined> {
  const bad = (error: string): ProofResponse => ({ status: 400, body: { error } });
  try {
    switch (url.pathname) {
      case AUDIT_PATHS.key:
        return { status: 200, body: { origin: log.origin, verifierKey: log.verifierKey } };
      case AUDIT_PATHS.leaf: {
        const index = intParam(url, 'index');
        const size = intParam(url, 'size');
        if (index === undefined || size === undefined) return bad('index and size must be non-negative integers');
        return await openAuditLeaf(log, index, size, caller);
      }
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

/** One leaf opened for `caller` (200), or why not (403, 404); a RangeError for an index or size outside the log. */
export async function openAuditLeaf(log: AuditLog, index: number, size: number, caller: AuditCaller): Promise<ProofResponse> {
  const proof = await log.inclusionProof(index, size); // RangeError (400) unless index < size <= the log's size
  const [leaf] = await log.readLeaves(index, 1);
  if (!leaf || leaf.index !== index) return { status: 404, body: { error: `no leaf ${index}` } };
  const entry = JSON.parse(leaf.entry) as AuditEntry;
  if (!caller.admin && (caller.grantId === undefined || entry.grantId !== caller.grantId)) {
    return { status: 403, body: { error: 'a grant key opens only its own grant\'s leaves' } };
  }
  const body = entry.requestId && entry.bodyHash ? await log.getBody(entry.requestId, entry.kind) : undefined;
  return { status: 200, body: { index, leafHash: leaf.leafHash, entry, ...(body ? { salt: body.salt.toString('base64') } : {}), size, proof } };
}

/** How many 429s in a row one proof request waits out before it fails. */
const RATE_WAIT_LIMIT = 30;

function retryAfterMs(header: string | null): number {
  const s = Number(header);
  return Number.isFinite(s) && s > 0 ? Math.min(s, 10) * 1000 : 1000;
}

/** A ProofSource that asks a gateway over HTTP (admin key sent as a bearer token). */
export function gatewayProofSource(baseUrl: string, adminKey?: string): ProofSource & {
  checkpoint(): Promise<string>;
  key(): Promise<{ origin: string; verifierKey: string }>;
  leaf(index: number, size: number): Promise<OpenedLeaf>;
} {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async (path: string, params: Record<string, number> = {}): Promise<Record<string, unknown>> => {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
    let res = await fetch(url, { headers: adminKey ? { authorization: `Bearer ${adminKey}` } : {} });
    // A grant key may ask a few times a second (AUDIT_RATE): wait as told rather than fail a long check.
    for (let waited = 0; res.status === 429 && waited < RATE_WAIT_LIMIT; waited++) {
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, retryAfterMs(res.headers.get('retry-after'))));
      res = await fetch(url, { headers: adminKey ? { authorization: `Bearer ${adminKey}` } : {} });
    }
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
    key: async () => {
      const body = await get(AUDIT_PATHS.key);
      if (typeof body.origin !== 'string' || typeof body.verifierKey !== 'string') throw new Error('gateway sent no verifier key');
      return { origin: body.origin, verifierKey: body.verifierKey };
    },
    leaf: async (index, size) => {
      const body = await get(AUDIT_PATHS.leaf, { index, size });
      const entry = body.entry;
      if (body.index !== index || typeof body.leafHash !== 'string' || !entry || typeof entry !== 'object' || Array.isArray(entry)) {
        throw new Error(`gateway sent a malformed leaf ${index}`);
      }
      if (body.salt !== undefined && typeof body.salt !== 'string') throw new Error(`gateway sent a malformed salt for leaf ${index}`);
      return { index, leafHash: body.leafHash, entry: entry as AuditEntry, ...(body.salt ? { salt: body.salt as string } : {}), size, proof: proof(body) };
    },
  };
}
