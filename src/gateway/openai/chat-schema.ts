import { type RequestSchema, compileRequestSchema, nullable } from '../grants/request-schema.js';

/**
 * OpenAI chat completion request fields, with the vendor fields that change what a call returns
 * or costs: vLLM's `best_of` (candidates sampled per choice), `prompt_logprobs` (logprobs of the
 * prompt tokens), `echo`. Types are strict; allow-list grants accept only these fields.
 */
const schema: RequestSchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1 },
    messages: { type: 'array' },
    stream: nullable.boolean,
    stream_options: nullable.object,
    n: nullable.count(1),
    best_of: nullable.count(1),
    logprobs: nullable.boolean,
    top_logprobs: nullable.count(0),
    prompt_logprobs: nullable.count(0),
    echo: nullable.boolean,
    max_tokens: nullable.count(1),
    max_completion_tokens: nullable.count(1),
    temperature: nullable.number,
    top_p: nullable.number,
    frequency_penalty: nullable.number,
    presence_penalty: nullable.number,
    seed: { type: ['integer', 'null'] },
    stop: { type: ['string', 'array', 'null'] },
    logit_bias: nullable.object,
    user: nullable.string,
    tools: nullable.array,
    tool_choice: { type: ['string', 'object', 'null'] },
    parallel_tool_calls: nullable.boolean,
    functions: nullable.array,
    function_call: { type: ['string', 'object', 'null'] },
    response_format: nullable.object,
    reasoning_effort: nullable.string,
    verbosity: nullable.string,
    metadata: nullable.object,
    store: nullable.boolean,
    modalities: nullable.array,
    audio: nullable.object,
    prediction: nullable.object,
    service_tier: nullable.string,
    web_search_options: nullable.object,
    prompt_cache_key: nullable.string,
    safety_identifier: nullable.string,
  },
};

export const openAIChatRequest = compileRequestSchema(schema);
