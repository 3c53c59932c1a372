/** A nominal rating or epoch label: anything comparable with ===. Missing ratings are null/undefined, never NaN. */
export type Label = string | number | boolean;
