/**
 * Sample ids of suites that cross a base item with variants (a forbidden request with transforms,
 * a system prompt with attacks): `BASE/VARIANT`. Variants of one base are not independent, so
 * such suites cluster their intervals by `baseOf(sampleId)`. Variant names never hold a "/", so
 * a base id may (the last "/" splits).
 */
export function variantId(base: string, variant: string): string {
  if (variant.includes('/')) throw new RangeError(`variant name "${variant}" must not contain "/"`);
  return `${base}/${variant}`;
}

/** The base item of a sample id made by `variantId`; the id itself when it has no variant. */
export function baseOf(sampleId: string): string {
  const i = sampleId.lastIndexOf('/');
  return i < 0 ? sampleId : sampleId.slice(0, i);
}
