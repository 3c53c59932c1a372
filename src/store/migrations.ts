/**
 * Versioned schema. Each entry moves the database from version i to i+1 (PRAGMA user_version).
 * Never edit a shipped migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL,          -- running | finished | finished_with_errors
    suite        TEXT NOT NULL,
    suite_version TEXT NOT NULL,
    config       TEXT NOT NULL           -- RunConfig as JSON: everything needed to resume
  );
  CREATE TABLE samples (
    run_id       TEXT NOT NULL REFERENCES runs(id),
    model        TEXT NOT NULL,          -- the model spec's label
    sample_id    TEXT NOT NULL,
    epoch        INTEGER NOT NULL,
    status       TEXT NOT NULL,          -- done | error
    category     TEXT,
    metadata     TEXT NOT NULL,
    output       TEXT,
    error        TEXT,
    completed_at TEXT NOT NULL,
    PRIMARY KEY (run_id, model, sample_id, epoch)
  );
  CREATE TABLE generations (
    id           INTEGER PRIMARY KEY,
    run_id       TEXT NOT NULL,
    model        TEXT NOT NULL,
    sample_id    TEXT NOT NULL,
    epoch        INTEGER NOT NULL,
    role         TEXT NOT NULL,          -- target | judge
    model_ref    TEXT NOT NULL,
    messages     TEXT NOT NULL,
    request      TEXT NOT NULL,
    text         TEXT NOT NULL,
    refusal      TEXT,
    stop_reason  TEXT,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    reasoning_tokens INTEGER,
    latency_ms   REAL NOT NULL,
    returned_model TEXT,
    cached       INTEGER NOT NULL
  );
  CREATE INDEX generations_by_sample ON generations (run_id, model, sample_id, epoch);
  CREATE TABLE scores (
    run_id       TEXT NOT NULL,
    model        TEXT NOT NULL,
    sample_id    TEXT NOT NULL,
    epoch        INTEGER NOT NULL,
    scorer       TEXT NOT NULL,
    outcome      TEXT NOT NULL,          -- correct | incorrect | abstained | unscored
    value        REAL,
    explanation  TEXT,
    unscored_reason TEXT,
    judge        TEXT,
    judge_reply  TEXT,
    prompt_version TEXT,
    PRIMARY KEY (run_id, model, sample_id, epoch, scorer)
  );
  CREATE TABLE response_cache (
    key          TEXT PRIMARY KEY,
    generation   TEXT NOT NULL,
    created_at   TEXT NOT NULL
  );
  `,
  `
  -- Blind grading: what was removed from a transcript before judges saw it (JSON array).
  ALTER TABLE scores ADD COLUMN redactions TEXT;
  CREATE INDEX scores_by_scorer ON scores (run_id, scorer);
  `,
  `
  -- Suites as plug-ins: whole transcripts with who said each message, named sub-results of a
  -- score (rubric criteria, per-turn labels), and exercises (several suites run together).
  ALTER TABLE samples ADD COLUMN messages TEXT;
  ALTER TABLE scores ADD COLUMN details TEXT;
  ALTER TABLE runs ADD COLUMN exercise_id TEXT;
  CREATE TABLE exercises (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    name         TEXT NOT NULL,
    config       TEXT NOT NULL           -- the exercise file as JSON: everything needed to resume
  );
  CREATE INDEX runs_by_exercise ON runs (exercise_id);
  `,
  `
  -- Calls through a Crosscheck gateway: its receipts and the exact bodies they commit to
  -- (GatewayEvidence as JSON), so a bundle of the run can be checked against the gateway's log.
  ALTER TABLE generations ADD COLUMN gateway TEXT;
  `,
  `
  -- Run status that tells the truth: the process running a run (pid and host) renews a heartbeat,
  -- so a run whose process is gone (kill -9, a crash) reads as stopped; a run stopped on purpose
  -- (Ctrl-C, an auth error, the circuit breaker) says why; a report knows how many samples are
  -- missing. Failed samples keep their reason's kind (HTTP 500, ECONNREFUSED...) for counting.
  ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
  ALTER TABLE runs ADD COLUMN owner_host TEXT;
  ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
  ALTER TABLE runs ADD COLUMN stop_reason TEXT;
  ALTER TABLE runs ADD COLUMN expected_samples TEXT;   -- {model label: samples × epochs it should finish}
  ALTER TABLE samples ADD COLUMN error_kind TEXT;
  `,
  `
  -- Browsing a run (viewer, export): pages of (sample, epoch) keys across models in index order,
  -- and one sample's rows from every model, without scanning the run.
  CREATE INDEX samples_by_sample ON samples (run_id, sample_id, epoch, model, status);
  `,
];
