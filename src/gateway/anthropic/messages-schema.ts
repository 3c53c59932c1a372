import { type RequestSchema, compileRequestSchema, nullable } from '../grants/request-schema.js';

/** Anthropic messages request fields. Types are strict; allow-list grants accept only these fields. */
const schema: RequestSchema = {
  type: 'object',
  required: ['model', 'messages', 'max_tokens'],
  properties: {
    model: { type: 'string', minLength: 1 },
    messages: { type: 'array' },
    max_tokens: { type: 'integer', minimum: 1 },
    system: { type: ['string', 'array', 'null'] },
    stream: nullable.boolean,
    temperature: nullable.number,
    top_p: nullable.number,
    top_k: nullable.count(0),
    stop_sequences: nullable.array,
    thinking: nullable.object,
    metadata: nullable.object,
    tools: nullable.array,
    tool_choice: nullable.object,
    service_tier: nullable.string,
    container: nullable.string,
    mcp_servers: nullable.array,
    context_management: nullable.object,
  },
};

export const anthropicMessagesRequest = compileRequestSchema(schema);
