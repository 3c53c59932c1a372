import { mulberry32 } from '../../core/seeded-random.js';
import { writeFileSync } from 'node:fs';
import { encodeGguf, type GgufTensor, type GgufValue } from './gguf-writer.js';
import { trainByteBpe } from './tiny-bpe.js';

/**
 * Writes a tiny but real llama-architecture GGUF (a few hundred KB) with random, seeded F32
 * weights and a byte-level BPE tokenizer with ChatML special tokens, so tests can run the real
 * llama.cpp path without downloading weights. Its output is gibberish; its mechanics are real.
 */

export const TINY_GGUF_NAME = 'crosscheck-tiny-llama';

/** ChatML, as Qwen and many fine-tunes ship it (without Qwen's default system message). */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const SHAPE = {
  embedding: 64,
  layers: 2,
  heads: 4,
  headsKv: 2,
  ffn: 128,
  contextLength: 2048,
  merges: 253, // 256 bytes + 253 merges + 3 specials = 512 tokens at most
};

const TOKEN_TYPE_NORMAL = 1;
const TOKEN_TYPE_CONTROL = 3;
const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];

export interface TinyGgufInfo {
  path: string;
  bytes: number;
  vocabSize: number;
}

export function writeTinyGguf(path: string, opts: { seed?: number } = {}): TinyGgufInfo {
  const { metadata, tensors, vocabSize } = buildTinyModel(opts.seed ?? 1);
  const file = encodeGguf(metadata, tensors);
  writeFileSync(path, file);
  return { path, bytes: file.length, vocabSize };
}

export function buildTinyModel(seed: number): {
  metadata: Record<string, GgufValue>;
  tensors: GgufTensor[];
  vocabSize: number;
} {
  const bpe = trainByteBpe(SHAPE.merges);
  const tokens = [...bpe.tokens, ...SPECIAL_TOKENS];
  const tokenTypes = tokens.map((_, i) => (i < bpe.tokens.length ? TOKEN_TYPE_NORMAL : TOKEN_TYPE_CONTROL));
  const idOf = (t: string) => tokens.indexOf(t);
  const headDim = SHAPE.embedding / SHAPE.heads;

  const metadata: Record<string, GgufValue> = {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: TINY_GGUF_NAME },
    'general.alignment': { type: 'u32', value: 32 },
    'general.file_type': { type: 'u32', value: 0 }, // ALL_F32
    'llama.vocab_size': { type: 'u32', value: tokens.length },
    'llama.context_length': { type: 'u32', value: SHAPE.contextLength },
    'llama.embedding_length': { type: 'u32', value: SHAPE.embedding },
    'llama.block_count': { type: 'u32', value: SHAPE.layers },
    'llama.feed_forward_length': { type: 'u32', value: SHAPE.ffn },
    'llama.attention.head_count': { type: 'u32', value: SHAPE.heads },
    'llama.attention.head_count_kv': { type: 'u32', value: SHAPE.headsKv },
    'llama.rope.dimension_count': { type: 'u32', value: headDim },
    'llama.rope.freq_base': { type: 'f32', value: 10000 },
    'llama.attention.layer_norm_rms_epsilon': { type: 'f32', value: 1e-5 },
    'tokenizer.ggml.model': { type: 'string', value: 'gpt2' },
    'tokenizer.ggml.pre': { type: 'string', value: 'default' },
    'tokenizer.ggml.tokens': { type: 'string[]', value: tokens },
    'tokenizer.ggml.token_type': { type: 'i32[]', value: tokenTypes },
    'tokenizer.ggml.merges': { type: 'string[]', value: bpe.merges },
    'tokenizer.ggml.bos_token_id': { type: 'u32', value: idOf('<|endoftext|>') },
    'tokenizer.ggml.eos_token_id': { type: 'u32', value: idOf('<|im_end|>') },
    'tokenizer.ggml.padding_token_id': { type: 'u32', value: idOf('<|endoftext|>') },
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: false },
    'tokenizer.chat_template': { type: 'string', value: CHATML_TEMPLATE },
  };

  const rand = mulberry32(seed);
  const E = SHAPE.embedding;
  const kvDim = headDim * SHAPE.headsKv;
  const V = tokens.length;
  // Scaled like a standard init (about 1/sqrt(fan_in)) so activations stay finite.
  const matrix = (name: string, inner: number, outer: number): GgufTensor => ({
    name,
    dims: [inner, outer],
    data: randomArray(inner * outer, 1 / Math.sqrt(inner), rand),
  });
  const ones = (name: string, n: number): GgufTensor => ({ name, dims: [n], data: new Float32Array(n).fill(1) });

  const tensors: GgufTensor[] = [
    matrix('token_embd.weight', E, V),
    ones('output_norm.weight', E),
    matrix('output.weight', E, V),
  ];
  for (let l = 0; l < SHAPE.layers; l++) {
    tensors.push(
      ones(`blk.${l}.attn_norm.weight`, E),
      matrix(`blk.${l}.attn_q.weight`, E, E),
      matrix(`blk.${l}.attn_k.weight`, E, kvDim),
      matrix(`blk.${l}.attn_v.weight`, E, kvDim),
      matrix(`blk.${l}.attn_output.weight`, E, E),
      ones(`blk.${l}.ffn_norm.weight`, E),
      matrix(`blk.${l}.ffn_gate.weight`, E, SHAPE.ffn),
      matrix(`blk.${l}.ffn_up.weight`, E, SHAPE.ffn),
      matrix(`blk.${l}.ffn_down.weight`, SHAPE.ffn, E),
    );
  }
  return { metadata, tensors, vocabSize: V };
}

function randomArray(n: number, scale: number, rand: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * scale * Math.sqrt(3); // uniform, std = scale
  return out;
}

