/**
 * Blind grading: before judges see a transcript, remove text by which a model identifies itself
 * or its maker ("As an AI developed by OpenAI", "I'm Claude, made by Anthropic"), so a judge
 * cannot grade its own lab's model more kindly because it recognises it. Names are removed only
 * in self-identifying phrases: "Claude Monet" or "Google was founded in 1998" are answers, not
 * signatures, and must reach the judge intact.
 */
const LABS = String.raw`(?:OpenAI|Anthropic|Google(?:\s+DeepMind)?|DeepMind|xAI|Meta(?:\s+AI)?|Mistral(?:\s+AI)?|Alibaba(?:\s+Cloud)?|DeepSeek|Microsoft|Cohere|Amazon)`;
const MODELS = String.raw`(?:ChatGPT|GPT-?\d[\w.-]*|o[1-9](?:-\w+)?|Claude(?:\s+(?:\d[\w.]*|Opus|Sonnet|Haiku|Instant))*|Gemini(?:\s+(?:\d[\w.]*|Pro|Flash|Ultra|Nano))*|Bard|Grok(?:[\s-]\d[\w.]*)?|Llama[\s-]?\d[\w.]*|Qwen[\w.-]*|DeepSeek[\w.-]*|Mistral[\w.-]*|Command\s+R\+?)`;

/** A proper name: capitalised words, digits and dots (e.g. "Foo Labs", "Orion 2.5"). */
const NAME = String.raw`[A-Z][\w.&-]*(?:\s+(?:[A-Z0-9][\w.&-]*))*`;

const PATTERNS: RegExp[] = [
  // "developed by OpenAI", "trained by Google DeepMind", "a model from Anthropic"
  new RegExp(String.raw`\b(?:developed|created|trained|built|made|designed|provided|released|owned)\s+by\s+${LABS}\b`, 'gi'),
  new RegExp(String.raw`\b(?:an?\s+)?(?:AI|assistant|model|language\s+model|chatbot)\s+(?:from|by)\s+${LABS}\b`, 'gi'),
  // "OpenAI's language model", "Anthropic's AI assistant"
  new RegExp(String.raw`\b${LABS}['’]s\s+(?:AI|assistant|model|language\s+model|chatbot|LLM)\b`, 'gi'),
  // "I am Claude", "I'm ChatGPT", "my name is Gemini", "as GPT-4,"
  new RegExp(String.raw`\b(?:I\s+am|I['’]m|my\s+name\s+is|this\s+is|as)\s+${MODELS}\b`, 'gi'),
  // Any maker, known or not: "As an AI developed by AcmeAI", "as a language model trained by Foo Labs"
  new RegExp(String.raw`\b[Aa]s\s+an?\s+(?:AI|[Ll]arge\s+[Ll]anguage\s+[Mm]odel|[Ll]anguage\s+[Mm]odel|LLM|[Aa]ssistant|AI\s+(?:[Aa]ssistant|[Mm]odel|[Ll]anguage\s+[Mm]odel))\s+(?:developed|created|trained|built|made|designed)\s+by\s+${NAME}`, 'g'),
  // Any name, known or not: "I'm Zed, an AI assistant", "I am Orion 2, a language model"
  new RegExp(String.raw`\bI(?:\s+am|['’]m)\s+${NAME}(?=,?\s+(?:an?|the)\s+(?:AI|[Ll]arge\s+[Ll]anguage\s+[Mm]odel|[Ll]anguage\s+[Mm]odel|LLM|[Aa]ssistant|[Cc]hatbot)\b)`, 'g'),
];


export interface Blinded {
  text: string;
  /** Each phrase removed, in order of appearance. */
  redactions: string[];
}

/**
 * `names`: the run's own model names (e.g. "gpt-4.1", "claude-sonnet-4-5"), removed wherever
 * they appear: a transcript has no other reason to name a model under test.
 */
export function blind(text: string, names: readonly string[] = []): Blinded {
  const redactions: string[] = [];
  let out = text;
  const own = names.filter((n) => n.length >= 3).map((n) => new RegExp(String.raw`(?<![\w-])${escapeRegExp(n)}(?![\w-])`, 'gi'));
  for (const re of [...PATTERNS, ...own]) {
    out = out.replace(re, (match) => {
      redactions.push(match);
      return '[redacted]';
    });
  }
  return { text: out, redactions };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
