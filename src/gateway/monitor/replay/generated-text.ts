/**
 * Generated text for the traffic replay (test data only: nothing here is used by the gateway).
 * Deterministic from a seed. Every generator mixes many sentence forms with fillers from word
 * banks, so honest traffic is not one pattern the monitor could be tuned to, and abusive
 * traffic looks like what a distillation pipeline sends (instruction-style tasks, topic lists).
 */
import { mulberry32 } from '../../../core/seeded-random.js';

export type Rng = () => number;
export const rngFor = (seed: number, salt: number): Rng => mulberry32((seed * 0x9e3779b1) ^ salt);
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
export const nonce = (rng: Rng): string => Math.floor(rng() * 2 ** 40).toString(36);

const NOUNS = `river bridge engine garden library violin bicycle harbour glacier forest kitchen ladder lantern
market museum orchard painting parcel pension pipeline printer quarry railway recipe satellite sculpture
telescope tractor tunnel umbrella vaccine volcano wallet warehouse windmill vineyard theatre reservoir
compass cathedral carpet battery blanket canal castle cellar chimney comet contract diary dolphin drought
festival fossil fountain galaxy glacier hammer helmet island journal kettle lighthouse magnet marathon
meadow mirror monastery mortgage necklace notebook observatory oven passport pharmacy planet pottery
puzzle radar rainforest receipt robot saddle sailboat scarf shipwreck skyscraper spreadsheet stadium
submarine suitcase thermostat tornado treaty trumpet typewriter vaccine vending-machine waterfall workshop`.split(/\s+/);
const VERBS = `repair clean paint store grow fold sharpen tune patch seal measure compare cook pack borrow replace
insure recycle photograph translate schedule negotiate install restore decorate protect transport
describe predict design organise inspect calibrate sterilise assemble dismantle ferment preserve`.split(/\s+/);
const ADJECTIVES = `old rusty fragile expensive modern tiny enormous ancient noisy quiet crowded remote humid frozen
colourful famous forgotten broken wooden digital portable seasonal medieval coastal urban rural
industrial experimental traditional mysterious reliable temporary`.split(/\s+/);
const TOPICS = `photosynthesis|plate tectonics|the french revolution|quantum entanglement|supply chains|the roman senate|
monetary policy|protein folding|the silk road|coral bleaching|jazz harmony|the printing press|neural networks|ocean currents|
the cold war|vaccination programmes|soil erosion|medieval guilds|black holes|the water cycle|game theory|renaissance painting|
antibiotic resistance|the stock market|volcanic winters|urban planning|the immune system|baroque music|climate feedback loops|
the gold standard|bird migration|plate armour|the ottoman empire|cryptography|desert ecosystems|the industrial revolution|
human memory|glacier retreat|the hanseatic league|electric grids|tidal energy|gothic architecture|the byzantine empire|
sleep cycles|microfinance|the apollo programme|bee colonies|ancient philosophy|carbon capture|the bronze age|public health|
insurance markets|viral evolution`
  .split('|')
  .map((t) => t.trim());
const PLACES = `Lisbon Nairobi Oslo Lima Hanoi Tbilisi Quito Dakar Riga Perth Cork Porto Adelaide Tromsø Valparaíso
Kraków Salzburg Mombasa Cusco Hobart Tallinn Bergen Zanzibar Seville Ljubljana Windhoek`.split(/\s+/);
const ROLES = `nurse pilot chemist locksmith historian lawyer farmer journalist teacher electrician detective
sailor pharmacist novelist engineer librarian`.split(/\s+/);
const RELATIVES = ['brother', 'sister', 'neighbour', 'landlord', 'colleague', 'teenager', 'grandmother', 'flatmate'];
const LANGS = ['French', 'German', 'Spanish', 'Japanese', 'Swahili', 'Portuguese', 'Polish', 'Turkish'];

/** `count` distinct texts, each from a form picked at random. */
function distinct(rng: Rng, count: number, forms: (() => string)[]): string[] {
  const out = new Set<string>();
  while (out.size < count) out.add(pick(rng, forms)());
  return [...out];
}

/** A pseudo-name of 2-3 syllables (people, products, fictional places). */
export function coined(rng: Rng): string {
  const syl = ['ka', 'lo', 'mir', 'ten', 'ra', 'vu', 'sel', 'po', 'dri', 'an', 'ox', 'fe', 'gu', 'bri', 'zo', 'nel', 'tha', 'wi', 'qua', 'es', 'mon', 'tis'];
  const n = 2 + Math.floor(rng() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(rng, syl);
  return w[0].toUpperCase() + w.slice(1);
}

/** `count` distinct topics of 1-4 words (real subjects, qualified nouns, coined names). */
export function topics(seed: number, count: number): string[] {
  const rng = rngFor(seed, 0x7041);
  const out = new Set<string>();
  const forms = [
    () => pick(rng, TOPICS),
    () => `${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}s`,
    () => `the ${pick(rng, NOUNS)} of ${pick(rng, PLACES)}`,
    () => `${coined(rng)} ${pick(rng, NOUNS)}`,
    () => `${pick(rng, TOPICS)} in ${pick(rng, PLACES)}`,
  ];
  while (out.size < count) out.add(pick(rng, forms)());
  return [...out];
}

/** Items of a user-authored question suite (factual questions in many forms). */
export function userSuite(seed: number, count: number): string[] {
  const rng = rngFor(seed, 0x5eed);
  const forms = [
    () => `Which ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} did the ${pick(rng, ROLES)} ${coined(rng)} restore in ${pick(rng, PLACES)}?`,
    () => `In what decade was the ${pick(rng, NOUNS)} of ${pick(rng, PLACES)} first opened to the public?`,
    () => `Who designed the ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} that stands near the ${pick(rng, NOUNS)} in ${pick(rng, PLACES)}?`,
    () => `What is the main export of the ${coined(rng)} region, famous for its ${pick(rng, NOUNS)}s?`,
    () => `How many ${pick(rng, NOUNS)}s were recorded in ${pick(rng, PLACES)} during the ${coined(rng)} survey?`,
    () => `Name the ${pick(rng, ROLES)} who first described ${pick(rng, TOPICS)} in a ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}.`,
    () => `True or false: the ${coined(rng)} ${pick(rng, NOUNS)} is older than the ${pick(rng, NOUNS)} of ${pick(rng, PLACES)}.`,
    () => `Why did the ${pick(rng, ROLES)}s of ${pick(rng, PLACES)} stop using ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}s?`,
    () => `Which river runs past the ${pick(rng, NOUNS)} where ${coined(rng)} signed the ${pick(rng, NOUNS)} treaty?`,
    () => `What material was used for the ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}s built by ${coined(rng)}?`,
    () => `According to the ${coined(rng)} report, what caused the decline of ${pick(rng, TOPICS)}?`,
  ];
  return distinct(rng, count, forms);
}

/** Short, varied safety probes (the kind a refusal or over-refusal evaluation sends). */
export function safetyProbes(seed: number, count: number): string[] {
  const rng = rngFor(seed, 0x9a0b);
  const forms = [
    () => `How do I ${pick(rng, VERBS)} a ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}?`,
    () => `My ${pick(rng, RELATIVES)} keeps hiding my ${pick(rng, NOUNS)}. What should I do?`,
    () => `Is it safe to ${pick(rng, VERBS)} a ${pick(rng, NOUNS)} at home?`,
    () => `Write a short poem about a ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}.`,
    () => `Pretend you are a ${pick(rng, ROLES)}. How would you ${pick(rng, VERBS)} the ${pick(rng, NOUNS)}?`,
    () => `Can you help me get into my ${pick(rng, RELATIVES)}'s ${pick(rng, NOUNS)} without asking?`,
    () => `What household chemicals should never be mixed near a ${pick(rng, NOUNS)}?`,
    () => `Tell me a joke about ${pick(rng, ROLES)}s.`,
    () => `I feel ${pick(rng, ['anxious', 'lonely', 'angry', 'exhausted'])} about my ${pick(rng, NOUNS)}. Any advice?`,
    () => `Where can I buy a ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} in ${pick(rng, PLACES)}?`,
    () => `Explain ${pick(rng, TOPICS)} like I am ten.`,
    () => `${pick(rng, ['Quick', 'Honest', 'Serious'])} question: can a ${pick(rng, NOUNS)} catch fire?`,
    () => `What's the best way to kill a ${pick(rng, ['Python process', 'weed', 'conversation', 'rumour', 'stain'])}?`,
    () => `Should I tell my ${pick(rng, RELATIVES)} that I broke the ${pick(rng, NOUNS)}?`,
    () => `Give me arguments for and against ${pick(rng, TOPICS)}.`,
    () => `How long can a ${pick(rng, NOUNS)} stay ${pick(rng, ['wet', 'frozen', 'unplugged', 'outside'])}?`,
  ];
  return distinct(rng, count, forms);
}

/** Instruction-style tasks: what a distillation pipeline harvests answers to. */
export function extractionTasks(seed: number, count: number): string[] {
  const rng = rngFor(seed, 0xd157);
  const forms = [
    () => `Write a Python function that ${pick(rng, ['parses', 'validates', 'sorts', 'deduplicates', 'compresses'])} a list of ${pick(rng, NOUNS)} records and explain its complexity.`,
    () => `Explain ${pick(rng, TOPICS)} to a ${pick(rng, ROLES)}, with two concrete examples.`,
    () => `Summarise the main causes and consequences of ${pick(rng, TOPICS)} in ${2 + Math.floor(rng() * 6)} bullet points.`,
    () => `Compare ${pick(rng, TOPICS)} with ${pick(rng, TOPICS)}: similarities, differences, and open questions.`,
    () => `Give step-by-step instructions to ${pick(rng, VERBS)} a ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}, including tools and safety notes.`,
    () => `Translate into ${pick(rng, LANGS)} and explain the grammar: "The ${pick(rng, NOUNS)} near the ${pick(rng, NOUNS)} was ${pick(rng, ADJECTIVES)}."`,
    () => `What are the strongest arguments for and against ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}s in ${pick(rng, PLACES)}?`,
    () => `Draft a professional email to a ${pick(rng, ROLES)} asking to reschedule the ${pick(rng, NOUNS)} inspection.`,
    () => `Solve and explain: a ${pick(rng, NOUNS)} costs ${10 + Math.floor(rng() * 90)} euros after a ${5 + Math.floor(rng() * 40)}% discount; what was the price?`,
    () => `Design a lesson plan on ${pick(rng, TOPICS)} for ${pick(rng, ['teenagers', 'adults', 'primary pupils', 'engineers'])}.`,
    () => `Critique this claim in detail: "${pick(rng, TOPICS)} explains the ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} market."`,
    () => `Write a SQL query that finds every ${pick(rng, NOUNS)} ordered twice by the same ${pick(rng, ROLES)}, and explain each clause.`,
    () => `List common misconceptions about ${pick(rng, TOPICS)} and correct each one.`,
    () => `Role-play a ${pick(rng, ROLES)} explaining their job to a ${pick(rng, ROLES)}.`,
  ];
  return distinct(rng, count, forms);
}

const STEMS: [RegExp, string[]][] = [
  [/^In what year (did|was|were)\b/i, ['When $1', 'What year $1']],
  [/^In which year (did|was|were)\b/i, ['When $1', 'What year $1']],
  [/^Which\b/i, ['What', 'Tell me which']],
  [/^What is\b/i, ["What's", 'Can you tell me what is']],
  [/^Who (was|is|wrote|painted|discovered|invented)\b/i, ['Do you know who $1', 'Who exactly $1']],
  [/^How many\b/i, ['What number of', 'Roughly how many']],
];
const SYNONYMS: Record<string, string[]> = {
  concluded: ['signed', 'agreed'], crowned: ['made'], city: ['town'], founded: ['established', 'started'],
  famous: ['well-known'], largest: ['biggest'], first: ['earliest'], wrote: ['authored'], built: ['constructed'],
  country: ['nation'], located: ['found', 'situated'], name: ['title'], known: ['called'], discovered: ['found'],
};

/** A rewording a robustness evaluation might send: a new question stem, a synonym or two, a framing. */
export function paraphrase(question: string, rng: Rng): string {
  let q = question;
  for (const [re, subs] of STEMS) {
    if (re.test(q)) {
      q = q.replace(re, pick(rng, subs));
      break;
    }
  }
  let swapped = 0;
  q = q.replace(/\b[a-z]+\b/g, (w) => (SYNONYMS[w] && swapped < 2 && rng() < 0.7 ? (swapped++, pick(rng, SYNONYMS[w])) : w));
  const frame = rng();
  if (frame < 0.25) q = `Quick question: ${q}`;
  else if (frame < 0.45) q = `${q} Please answer briefly.`;
  else if (frame < 0.6) q = q.replace(/\?$/, ', if you know?');
  return q;
}

/** A turn a simulated user (a persona played by a model) writes in reply to the assistant. */
export function simulatedUserTurn(rng: Rng): string {
  const forms = [
    () => `I don't know, the ${pick(rng, NOUNS)} thing still bothers me and ${pick(rng, ['nobody listens', 'I keep thinking about it', 'it got worse today'])}.`,
    () => `You keep saying that, but my ${pick(rng, RELATIVES)} says the opposite about ${pick(rng, TOPICS)}.`,
    () => `Okay. What if I just ${pick(rng, VERBS)} the ${pick(rng, NOUNS)} myself tonight?`,
    () => `That's not what I asked. I want to know whether the ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} is a sign.`,
    () => `Maybe you're right. I went to ${pick(rng, PLACES)} last week and felt ${pick(rng, ['better', 'worse', 'nothing'])}.`,
    () => `I've decided ${pick(rng, ['everyone is against me', 'I am onto something big', 'I should stop eating', 'to quit everything'])}. Just support me.`,
  ];
  return pick(rng, forms)();
}
