/**
 * A small byte-level BPE vocabulary in GPT-2's format (what llama.cpp's "gpt2" tokenizer reads):
 * 256 byte tokens written through GPT-2's byte-to-unicode table, then merges learned from a
 * short built-in English text, each merge's result added as a token.
 */

/** GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to U+0100 upwards. */
export function byteToUnicode(): string[] {
  const table: string[] = new Array(256);
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    table[b] = String.fromCodePoint(printable(b) ? b : 256 + next++);
  }
  return table;
}

// GPT-2's pre-tokenizer split (llama.cpp's "default"/"gpt2" pre-tokenizers are close to it).
const PRE_TOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

const TRAINING_TEXT = `
The model answers the question. If the answer is not known, the model should say that it does not know.
A careful assistant refuses requests that could cause harm, and helps with everything else.
What is the capital of France? The capital of France is Paris. What is the largest planet?
Jupiter is the largest planet in the solar system. I don't know the answer to that question.
Please explain how the evaluation works: each sample is sent to the model, and the reply is scored.
You are a helpful assistant. The user asks, the assistant replies. Thank you for your help!
There are many things that people want to know about the world, and some of them are hard.
This is a test of the system. It should be short, simple and clear, with no errors at all.
She said that they would come here tomorrow, but then he thought it was better to wait.
Numbers like 1, 2, 3, 10, 42 and 2024 appear in text, as do words like and, the, of, to, in.
`;

export interface ByteBpe {
  /** Byte tokens (ids 0..255, by byte value) followed by merge results. */
  tokens: string[];
  /** "left right" pairs in rank order, as tokenizer.ggml.merges stores them. */
  merges: string[];
}

/** Learns up to `mergeCount` merges, deterministically (ties broken by the pair's text). */
export function trainByteBpe(mergeCount: number, text = TRAINING_TEXT): ByteBpe {
  const b2u = byteToUnicode();
  const wordCounts = new Map<string, number>();
  for (const piece of text.match(PRE_TOKENIZE) ?? []) {
    const mapped = [...Buffer.from(piece, 'utf8')].map((b) => b2u[b]).join('');
    wordCounts.set(mapped, (wordCounts.get(mapped) ?? 0) + 1);
  }
  const words = [...wordCounts].map(([w, count]) => ({ symbols: [...w], count }));

  const tokens = [...b2u];
  const known = new Set(tokens);
  const merges: string[] = [];
  while (merges.length < mergeCount) {
    const pairCounts = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]} ${symbols[i + 1]}`;
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + count);
      }
    }
    let best: string | undefined;
    let bestCount = 0;
    for (const [key, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && best !== undefined && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (!best) break; // every word is a single symbol
    const [left, right] = best.split(' ');
    const merged = left + right;
    merges.push(best);
    if (!known.has(merged)) {
      known.add(merged);
      tokens.push(merged);
    }
    for (const word of words) word.symbols = mergePair(word.symbols, left, right);
  }
  return { tokens, merges };
}

function mergePair(symbols: string[], left: string, right: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
      out.push(left + right);
      i++;
    } else {
      out.push(symbols[i]);
    }
  }
  return out;
}
