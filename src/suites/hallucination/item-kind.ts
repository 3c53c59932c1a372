import type { Sample } from '../../core/suite.js';

/** The three kinds of hallucination-suite item (sample.metadata.kind). */
export type ItemKind = 'answerable' | 'nonexistent' | 'false_premise';

export const ITEM_KINDS: readonly ItemKind[] = ['answerable', 'nonexistent', 'false_premise'];

/** The sample's kind, or null when metadata.kind is missing or not one of ours. */
export function itemKind(sample: Sample): ItemKind | null {
  const kind = sample.metadata.kind;
  return typeof kind === 'string' && (ITEM_KINDS as readonly string[]).includes(kind) ? (kind as ItemKind) : null;
}

/** Why a sample cannot be scored as a hallucination item (for `unscoredReason`). */
export function unknownKindReason(sample: Sample): string {
  return `sample ${sample.id} has metadata.kind ${JSON.stringify(sample.metadata.kind)}; expected one of ${ITEM_KINDS.join(', ')}`;
}
