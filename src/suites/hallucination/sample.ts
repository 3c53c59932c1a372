import type { Sample } from '../../core/suite.js';
import type { HallucinationItem } from './items.js';
import { buildMessages } from './prompt.js';

/** An authored item as the sample a model is asked (with the confidence-target instruction when given). */
export function toSample(item: HallucinationItem, confidenceTarget?: number): Sample {
  return {
    id: item.id,
    input: buildMessages(item.question, confidenceTarget),
    target: item.answers,
    metadata: {
      kind: item.kind,
      category: item.category,
      question: item.question,
      ...(item.correction ? { correction: item.correction } : {}),
      ...(item.premise ? { premise: item.premise } : {}),
      ...(item.entity ? { entity: item.entity } : {}),
    },
  };
}
