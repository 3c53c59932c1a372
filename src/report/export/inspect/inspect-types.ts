/**
 * The parts of Inspect AI's EvalLog (log format version 2, inspect_ai/log/_log.py) that an export
 * fills. Field names are Inspect's own (snake_case); optional fields Crosscheck has nothing for
 * are left out, as Inspect's own logs do.
 */

export interface InspectModelUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  reasoning_tokens?: number;
}

export type InspectContent = string;

export interface InspectMessage {
  role: 'system' | 'user' | 'assistant';
  content: InspectContent;
  source?: 'input' | 'generate';
  /** The model that wrote an assistant message. */
  model?: string;
  metadata?: Record<string, unknown>;
}

export interface InspectModelOutput {
  model: string;
  choices: { message: InspectMessage; stop_reason: 'stop' | 'max_tokens' | 'model_length' | 'tool_calls' | 'content_filter' | 'unknown' }[];
  completion: string;
  usage?: InspectModelUsage;
  time?: number;
  error?: string;
}

export interface InspectScore {
  value: string | number | boolean;
  answer?: string;
  explanation?: string;
  metadata?: Record<string, unknown>;
}

export interface InspectEvalMetric {
  name: string;
  value: number;
  params: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface InspectEvalScore {
  name: string;
  scorer: string;
  scored_samples: number;
  unscored_samples: number;
  params: Record<string, unknown>;
  metrics: Record<string, InspectEvalMetric>;
  metadata?: Record<string, unknown>;
}

export interface InspectGenerateConfig {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop_seqs?: string[];
  reasoning_effort?: string;
  reasoning_tokens?: number;
  max_retries?: number;
  timeout?: number;
}

export interface InspectModelConfig {
  model: string;
  config: InspectGenerateConfig;
  base_url?: string;
  args: Record<string, unknown>;
}

export type InspectEvent =
  | {
    event: 'model'; timestamp: string; working_start: number; model: string; role?: string; input: InspectMessage[]; tools: [];
    tool_choice: 'none'; config: InspectGenerateConfig; output: InspectModelOutput; cache?: 'read'; working_time?: number;
  }
  | { event: 'score'; timestamp: string; working_start: number; score: InspectScore; target?: string | string[]; intermediate: boolean; scorer?: string };

export interface InspectEvalSample {
  id: string;
  epoch: number;
  input: string | InspectMessage[];
  target: string | string[];
  messages: InspectMessage[];
  output: InspectModelOutput;
  scores: Record<string, InspectScore> | null;
  metadata: Record<string, unknown>;
  store: Record<string, unknown>;
  events: InspectEvent[];
  model_usage: Record<string, InspectModelUsage>;
  role_usage: Record<string, InspectModelUsage>;
  completed_at?: string;
  working_time?: number;
  uuid: string;
  error?: { message: string; traceback: string; traceback_ansi: string };
  attachments: Record<string, string>;
}

export interface InspectEvalSpec {
  eval_id: string;
  run_id: string;
  created: string;
  task: string;
  task_id: string;
  task_version: string | number;
  task_attribs: Record<string, unknown>;
  task_args: Record<string, unknown>;
  task_args_passed: Record<string, unknown>;
  dataset: { name: string; location?: string; samples: number; sample_ids: string[]; shuffled: boolean };
  model: string;
  model_generate_config: InspectGenerateConfig;
  model_base_url?: string;
  model_args: Record<string, unknown>;
  model_roles?: Record<string, InspectModelConfig>;
  config: { epochs: number; max_retries?: number; fail_on_error?: boolean };
  packages: Record<string, string>;
  metadata: Record<string, unknown>;
  scorers: { name: string; options: Record<string, unknown>; metrics: []; metadata: Record<string, unknown> }[];
}

/** Everything of an EvalLog but its samples, which are written one at a time. */
export interface InspectLogHeader {
  version: 2;
  status: 'started' | 'success' | 'error';
  eval: InspectEvalSpec;
  plan: { name: 'plan'; steps: { solver: string; params: Record<string, unknown> }[]; config: InspectGenerateConfig };
  results: { total_samples: number; completed_samples: number; scores: InspectEvalScore[]; metadata?: Record<string, unknown> };
  stats: { started_at: string; completed_at: string; model_usage: Record<string, InspectModelUsage>; role_usage: Record<string, InspectModelUsage> };
  error?: { message: string; traceback: string; traceback_ansi: string };
  invalidated: boolean;
  tags: string[];
  metadata: Record<string, unknown>;
}
