/**
 * An importer turns a public benchmark's file into a suite folder (suite.yaml + items.jsonl) that
 * `crosscheck eval ./folder` runs: usually `base: SUITE` (a shipped suite's scoring on the
 * benchmark's items), or a suite.yaml of its own. One folder per format plus one registry line.
 */
export interface DatasetImporter {
  /** The name `crosscheck datasets import FORMAT` takes. */
  format: string;
  description: string;
  /**
   * The canonical public file: fetched when no file is given and the network allows; else named in
   * the error. `urls`, when the data is split over several files (BBQ: one per category): all are
   * fetched and joined in order (JSONL joins by lines), and `url` is where they are listed.
   */
  source: { url: string; file: string; licence: string; urls?: string[] };
  /** Checks the file (every mistake a one-line error with its line) and converts it. */
  convert(text: string, file: string, opts: ImportOptions): ImportedSuite;
}

export interface ImportOptions {
  /** The suite's name (defaults to the format). */
  name: string;
}

export interface ImportedSuite {
  /** suite.yaml as an object (written as YAML). */
  suite: Record<string, unknown>;
  /** items.jsonl, one object per line. */
  items: Record<string, unknown>[];
  /** What the user should know about the conversion (rows read, rows left out and why), one line each. */
  notes?: string[];
}
