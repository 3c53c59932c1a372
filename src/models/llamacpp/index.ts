import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { LlamaChat, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import { CrosscheckError, ProviderError, UsageError } from '../../core/errors.js';
import type { GenerateRequest, Generation } from '../../core/generation.js';
import type { ModelRef } from '../../core/model-ref.js';
import type { Provider, ProviderOptions } from '../provider.js';
import { toChatHistory } from './chat-history.js';
import { acquireLlama, releaseLlama } from './shared-llama.js';
import { SerialQueue } from './serial-queue.js';

/**
 * `llamacpp:PATH.gguf`: a local GGUF model run on the CPU by node-llama-cpp, prompted through
 * the chat template the model ships (node-llama-cpp picks the matching chat wrapper).
 * The model is loaded once, in the factory, so a bad file fails before any sample runs.
 */

const DEFAULT_MAX_TOKENS = 256;
// Enough for multi-turn evaluation prompts without reserving a 128k-token KV cache for big models.
const MAX_CONTEXT_SIZE = 8192;

export async function createLlamaCppProvider(ref: ModelRef, opts: ProviderOptions): Promise<Provider> {
  const modelPath = ref.model;
  await assertReadableFile(modelPath);
  const threads = opts.threads ?? 1; // more threads ran 100x slower on a 2-core machine

  const llama = await acquireLlama().catch((err) => {
    throw new UsageError(`cannot load the llama.cpp binding for ${modelPath}: ${firstLine(err)}`);
  });
  let model: LlamaModel | undefined;
  let context: LlamaContext;
  try {
    model = await llama.loadModel({ modelPath });
    context = await model.createContext({ threads, sequences: 1, contextSize: { max: MAX_CONTEXT_SIZE } });
  } catch (err) {
    await model?.dispose();
    await releaseLlama();
    throw new UsageError(`cannot load GGUF model ${modelPath}: ${firstLine(err)}`);
  }
  const loadedModel = model;
  const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: 'auto' });
  const returnedModel = modelName(loadedModel, modelPath);
  const queue = new SerialQueue();
  let closed = false;

  async function generateNow(req: GenerateRequest): Promise<Generation> {
    const { params } = req;
    const settings = {
      maxTokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
      temperature: params.temperature ?? 0, // node-llama-cpp's default: greedy
      topP: params.topP,
      seed: params.seed,
      stop: params.stop?.length ? params.stop : undefined,
    };
    const history = toChatHistory(req.messages);
    const prompt = chat.chatWrapper.generateContextState({ chatHistory: history }).contextText;
    const inputTokens = prompt.tokenize(loadedModel.tokenizer).length;

    const meterBefore = chat.sequence.tokenMeter.getState();
    const started = performance.now();
    const result = await chat.generateResponse(history, {
      maxTokens: settings.maxTokens,
      temperature: settings.temperature,
      topP: settings.topP,
      seed: settings.seed,
      customStopTriggers: settings.stop,
      signal: req.signal,
    });
    const latencyMs = performance.now() - started;
    const outputTokens = chat.sequence.tokenMeter.diff(meterBefore).usedOutputTokens;

    return {
      text: result.response,
      refusal: null,
      stopReason: normaliseStopReason(result.metadata.stopReason),
      usage: { inputTokens, outputTokens },
      latencyMs,
      returnedModel,
      request: {
        model: modelPath,
        ...dropUndefined(settings),
        threads,
        contextSize: context.contextSize,
        chatWrapper: chat.chatWrapper.wrapperName,
      },
    };
  }

  return {
    ref,
    generate(req: GenerateRequest): Promise<Generation> {
      if (closed) return Promise.reject(new UsageError(`llamacpp model ${modelPath} was already closed`));
      return queue.run(() => generateNow(req), req.signal).catch((err) => {
        throw toProviderError(err, req.signal, modelPath);
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // Let a generation in progress finish before freeing the native memory it uses.
      await queue.run(async () => undefined);
      chat.dispose();
      await context.dispose();
      await loadedModel.dispose();
      await releaseLlama();
    },
  };
}

async function assertReadableFile(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : firstLine(err);
    throw new UsageError(`cannot read GGUF model file ${path}: ${reason}`);
  }
}

function modelName(model: LlamaModel, path: string): string {
  const name = model.fileInfo.metadata?.general?.name;
  return typeof name === 'string' && name ? name : basename(path);
}

/** node-llama-cpp's reasons mapped onto the OpenAI-style words the rest of Crosscheck uses. */
export function normaliseStopReason(reason: string): string {
  switch (reason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return 'stop';
    case 'maxTokens':
      return 'length';
    case 'functionCalls':
      return 'tool_calls';
    default:
      return reason;
  }
}

function toProviderError(err: unknown, signal: AbortSignal | undefined, path: string): Error {
  if (err instanceof CrosscheckError) return err;
  // The scheduler aborts a call when its request timeout passes.
  if (signal?.aborted) {
    return new ProviderError(`llamacpp ${path}: generation aborted (${firstLine(signal.reason ?? err)})`, { kind: 'timeout' });
  }
  // A local model fails the same way again on the same input: not worth a retry.
  return new ProviderError(`llamacpp ${path}: ${firstLine(err)}`, { kind: 'client' });
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0];
}

function dropUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
