import type { ChatMessage } from './messages.js';
import type { Generation, GenerateParams } from './generation.js';
import type { Outcome } from './outcome.js';

/** One evaluation item. */
export interface Sample {
  id: string;
  input: ChatMessage[];
  /** Acceptable answers (aliases); empty where the right behaviour is to decline. */
  target: string[];
  metadata: Record<string, unknown> & { category?: string };
}

/** Calls a model through the scheduler; the only way suites reach a model. */
export type GenerateFn = (messages: ChatMessage[], params?: GenerateParams) => Promise<Generation>;

/** Roles a model plays for a solver: the model under test, a simulated user, an auditor. */
export type SolverRole = 'target' | 'user' | 'auditor';
/** Every role a model can have in a run. */
export type ModelRole = SolverRole | 'judge';
export const SOLVER_ROLES: readonly SolverRole[] = ['target', 'user', 'auditor'];

/**
 * The models a solver may call, by role. `user` and `auditor` are there exactly when the suite
 * declares it needs them (`Suite.roles`) and the run names a model for each.
 */
export interface SolverModels {
  target: GenerateFn;
  user?: GenerateFn;
  auditor?: GenerateFn;
}

/** A transcript message and who produced it: the suite's own text, or a model in one of the roles. */
export interface TranscriptMessage extends ChatMessage {
  by?: 'suite' | SolverRole;
}

/** What a solver made of a sample. */
export interface Transcript {
  /** Every message of the conversation in order, each with who said it. */
  messages: TranscriptMessage[];
  generations: Generation[];
  /** The final assistant text that scorers grade. */
  output: string;
}

export type Solver = (sample: Sample, models: SolverModels) => Promise<Transcript>;

export interface Score {
  scorer: string;
  /** One of the suite's declared labels, or `unscored`. */
  outcome: Outcome;
  /** Numeric value where the scorer has one (e.g. 1 correct, 0 otherwise; a rubric's 0..1). */
  value?: number;
  /** Named sub-results a suite's metrics read (rubric criteria met, per-turn labels, judge sub-scores). */
  details?: Record<string, number | string | boolean | null>;
  explanation?: string;
  /** Why a grader could not decide; set exactly when outcome is `unscored`. */
  unscoredReason?: string;
  /** The judge's model ref, raw reply and prompt version when a model graded. */
  judge?: string;
  judgeReply?: string;
  promptVersion?: string;
  /** A panel verdict keeps each judge's own score here (stored as rows of their own). */
  parts?: Score[];
  /** Self-identifying text removed from the transcript before judges saw it. */
  redactions?: string[];
}

/** A judge model as scorers see it: its ref, its lab, and a call through the scheduler. */
export interface JudgeHandle {
  ref: string;
  label: string;
  lab: string;
  generate: GenerateFn;
}

/** How a panel of judges reaches one verdict. */
export interface PanelOptions {
  /** majority: more than half of the parseable grades; unanimous: all of them; mean: numeric rubrics. */
  rule: 'majority' | 'unanimous' | 'mean';
  /** Leave out judges from the same lab as the model being graded. */
  excludeSameLab: boolean;
}

/** Everything a scorer may use besides the sample and transcript. */
export interface ScorerContext {
  /** The run's judges (empty without `--judge`); calls go through the scheduler, cached by default. */
  judges: JudgeHandle[];
  panel: PanelOptions;
  /** The lab of the model whose transcript is graded (`unknown` when it cannot be told). */
  targetLab: string;
  /** The run's target model names, removed from transcripts before judges see them. */
  identities: string[];
}

export interface Scorer {
  name: string;
  /** True when the scorer needs judges: a run without `--judge` leaves it out. */
  needsJudge?: boolean;
  score(sample: Sample, transcript: Transcript, ctx: ScorerContext): Promise<Score>;
}

/** Options a user may pass that change a suite's samples or prompts. */
export interface SuiteOptions {
  limit?: number;
  category?: string[];
  /** Hallucination suite: ask to answer only above this confidence. */
  confidenceTarget?: number;
}

/** A named, versioned evaluation, loaded with its samples. */
export interface Suite {
  name: string;
  description: string;
  /** Hash of the items, prompts and options: changes whenever behaviour could. */
  version: string;
  samples: Sample[];
  solver: Solver;
  /** Scorers in order of precedence: the first is the primary one, whose outcome metrics use. */
  scorers: Scorer[];
  /** Roles besides `target` that the solver calls (a simulated `user`, an `auditor`). */
  roles?: Exclude<SolverRole, 'target'>[];
  /** Default target parameters (e.g. max tokens) the user may override. */
  defaultParams?: GenerateParams;
}
