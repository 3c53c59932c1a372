/**
 * Stops a target's work after a run of its samples failed the same way: an upstream that fails
 * every call (HTTP 500, ECONNREFUSED) would otherwise be retried sample after sample for
 * minutes. A success, or a failure of another kind, starts the count again.
 */
export const DEFAULT_STOP_AFTER_FAILURES = 10;

export class CircuitBreaker {
  private kind: string | undefined;
  private streak = 0;
  /** Why the breaker opened; undefined while it is closed. */
  reason: string | undefined;
  /** The same, short: "10 × HTTP 500 in a row". */
  summary: string | undefined;

  /** @param limit failures of one kind in a row that open it; 0 never opens. */
  constructor(private readonly limit: number, private readonly label: string) {}

  get open(): boolean {
    return this.reason !== undefined;
  }

  /** A finished sample: undefined for a success, else its failure kind. */
  record(failure: string | undefined): void {
    if (failure === undefined) {
      this.streak = 0;
      this.kind = undefined;
      return;
    }
    this.streak = failure === this.kind ? this.streak + 1 : 1;
    this.kind = failure;
    if (this.limit > 0 && this.streak >= this.limit && !this.open) {
      this.reason = `${this.label}: ${this.streak} samples in a row failed with ${failure}; its other samples were not started`;
      this.summary = `${this.streak} × ${failure} in a row`;
    }
  }
}
