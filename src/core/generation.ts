import type { ChatMessage } from './messages.js';

/** Parameters a caller may set; providers map them onto their own wire names. */
export interface GenerateParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  stop?: string[];
  /** OpenAI-style reasoning effort for models that reason. */
  reasoningEffort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Anthropic / Google extended thinking: off, or on with a token budget. */
  thinking?: { enabled: boolean; budgetTokens?: number };
  /** How the system instruction is sent to OpenAI models: `system` or `developer` role. */
  systemRole?: 'system' | 'developer';
}

export interface GenerateRequest {
  messages: ChatMessage[];
  params: GenerateParams;
  /** Aborted by the scheduler when the request timeout passes. */
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Hidden reasoning / thinking tokens, where the API reports them. */
  reasoningTokens?: number;
}

/** One model call's result, with everything needed to reproduce and audit it. */
export interface Generation {
  text: string;
  /** The provider's own refusal signal (OpenAI `refusal` text, Anthropic `stop_reason: "refusal"`), else null. */
  refusal: string | null;
  stopReason: string | null;
  usage: Usage;
  latencyMs: number;
  /** The model id the server says answered (may differ from the one asked for). */
  returnedModel: string | null;
  /** The exact request parameters sent on the wire, without messages or secrets. */
  request: Record<string, unknown>;
  /** True when the scheduler answered from its cache without calling the provider. */
  cached?: boolean;
}
