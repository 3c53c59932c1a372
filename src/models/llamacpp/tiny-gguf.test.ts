import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';
import { CHATML_TEMPLATE, TINY_GGUF_NAME, writeTinyGguf } from './tiny-gguf.js';

describe('writeTinyGguf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiny-gguf-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a GGUF v3 file under 1 MB', () => {
    const info = writeTinyGguf(join(dir, 'a.gguf'));
    const bytes = readFileSync(info.path);
    assert.equal(bytes.toString('latin1', 0, 4), 'GGUF');
    assert.equal(bytes.readUInt32LE(4), 3);
    assert.equal(statSync(info.path).size, info.bytes);
    assert.ok(info.bytes < 1024 * 1024, `${info.bytes} bytes`);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = readFileSync(writeTinyGguf(join(dir, 's1a.gguf'), { seed: 1 }).path);
    const b = readFileSync(writeTinyGguf(join(dir, 's1b.gguf'), { seed: 1 }).path);
    const c = readFileSync(writeTinyGguf(join(dir, 's2.gguf'), { seed: 2 }).path);
    assert.ok(a.equals(b));
    assert.ok(!a.equals(c));
    assert.equal(a.length, c.length);
  });

  it("reads back through node-llama-cpp's own GGUF parser", async () => {
    const { path, vocabSize } = writeTinyGguf(join(dir, 'read.gguf'));
    const info = await readGgufFileInfo(path, { readTensorInfo: true });
    assert.equal(info.version, 3);
    const md = info.metadata as any;
    assert.equal(md.general.architecture, 'llama');
    assert.equal(md.general.name, TINY_GGUF_NAME);
    assert.equal(md.general.alignment, 32);
    assert.equal(md.llama.embedding_length, 64);
    assert.equal(md.llama.block_count, 2);
    assert.equal(md.llama.attention.head_count, 4);
    assert.equal(md.llama.attention.head_count_kv, 2);
    assert.equal(md.llama.rope.dimension_count, 16);
    assert.equal(md.tokenizer.ggml.model, 'gpt2');
    assert.equal(md.tokenizer.ggml.tokens.length, vocabSize);
    assert.equal(md.tokenizer.ggml.token_type.length, vocabSize);
    assert.equal(md.tokenizer.chat_template, CHATML_TEMPLATE);
    const tokens: string[] = md.tokenizer.ggml.tokens;
    assert.equal(tokens[md.tokenizer.ggml.eos_token_id], '<|im_end|>');
    assert.equal(md.tokenizer.ggml.token_type[tokens.indexOf('<|im_start|>')], 3);

    const tensors = new Map(info.tensorInfo!.map((t) => [t.name, t]));
    assert.equal(tensors.size, 3 + 2 * 9);
    assert.deepEqual(tensors.get('token_embd.weight')!.dimensions.map(Number), [64, vocabSize]);
    assert.deepEqual(tensors.get('blk.1.attn_k.weight')!.dimensions.map(Number), [64, 32]);
    assert.deepEqual(tensors.get('blk.0.ffn_down.weight')!.dimensions.map(Number), [128, 64]);
    for (const t of tensors.values()) assert.equal(Number(t.offset) % 32, 0, t.name);
  });
});
