/** Names in Inspect's conventions: models as provider/model, ids like its short uuids, log file names. */
import { parseModelRef } from '../../../core/model-ref.js';
import { sha256 } from '../../../core/sha256.js';

/** `openai:gpt-4.1@http://host/v1` → `openai/gpt-4.1` (the base URL is reported apart). */
export function inspectModelName(ref: string): string {
  try {
    const r = parseModelRef(ref);
    return `${r.provider}/${r.model}`;
  } catch {
    return ref;
  }
}

export function baseUrlOf(ref: string): string | undefined {
  try {
    return parseModelRef(ref).baseUrl;
  } catch {
    return undefined;
  }
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A 22-character id in Inspect's shortuuid alphabet, derived from `seed` so the same run exports the same ids. */
export function shortId(seed: string): string {
  let n = BigInt(`0x${sha256(seed).toString('hex')}`);
  let out = '';
  for (let i = 0; i < 22; i++) {
    out += ALPHABET[Number(n % 57n)];
    n /= 57n;
  }
  return out;
}

/** `{created}_{task}_{id}.json` as Inspect names its logs: `2026-12-07T14-38-20+00-00_hallucination_XXXX.json`. */
export function logFileName(createdIso: string, task: string, id: string): string {
  const created = new Date(createdIso).toISOString().slice(0, 19).replace(/:/g, '-') + '+00-00';
  return `${created}_${task.replace(/[^A-Za-z0-9-]+/g, '-')}_${id}.json`;
}
