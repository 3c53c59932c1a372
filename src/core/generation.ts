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
  /** Set when the call went through a Crosscheck gateway: its receipts and the exact bytes they commit to. */
  gateway?: GatewayEvidence;
}

/**
 * What a Crosscheck gateway gave for one call (src/models/gateway-evidence.ts keeps it): the
 * receipts that promise its request and response leaves are in the gateway's audit log, and the
 * exact bytes sent and received, whose salted hashes those leaves hold (src/bundle/ checks them).
 */
export interface GatewayEvidence {
  /** The gateway's root URL (the model ref's base URL without its `/v1`). */
  url: string;
  /** The log's verifier key (`<name>+<hex id>+<base64>`) as the gateway's GET /audit/key gave it; null if it gave none. */
  verifierKey: string | null;
  /** `x-crosscheck-request-id`: ties the request leaf to the response leaf. */
  requestId: string | null;
  stream: boolean;
  /** `INDEX:LEAFHASH[:SIGNATURE]` of the request leaf (a stream's header, a whole reply's `x-crosscheck-request-receipt`). */
  requestReceipt: string | null;
  /** Of the response leaf (a whole reply's `x-crosscheck-receipt`, a stream's final SSE comment). */
  responseReceipt: string | null;
  /** The request body as sent and the response body as received, each gzip then base64. */
  requestBody: string;
  responseBody: string;
}
