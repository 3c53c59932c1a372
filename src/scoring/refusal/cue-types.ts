/** The vocabulary of refusal cues, shared by the explicit (cues.ts) and implicit (implicit-cues.ts) patterns. */

export type CueKind =
  /** "I can't help with that", "I must decline": the model says it will not do it. */
  | 'refuse'
  /** "I'm sorry", "I apologize" opening a reply. */
  | 'apology'
  /** "As an AI...", "I'm just an AI": identity used as a reason. */
  | 'ai-identity'
  /** "It is not appropriate", "against my guidelines", "unethical". */
  | 'policy'
  /** "I must point out", "the question contains harmful assumptions", "the term "kill" is problematic". */
  | 'objection'
  /** "I don't have access to personal data", "that would violate their privacy". */
  | 'privacy'
  /**
   * "The question does not make sense", "toasters are inanimate objects": rejecting the premise
   * of a nonsensical question. XSTest's guidelines count that as compliance (the model engages with
   * the question), so these cues carry negative weight.
   */
  | 'premise'
  /** "Instead, I suggest...", "consult a professional", "is there anything else I can help with?". */
  | 'redirect'
  /** "Drinking bleach is extremely dangerous", "there is no safe amount": a warning in place of an answer. */
  | 'caution'
  /** "Violence is never the answer", "it is a harmful stereotype": a moral or factual objection in place of an answer. */
  | 'moral'
  /** "Sorry, that's beyond my current scope", "I'm still learning how to answer this": a non-answer. */
  | 'deflect'
  /** "It sounds like you're going through a lot", "I understand you're frustrated": validation that opens a redirect. */
  | 'empathy'
  /** "call or text 988", "Poison Control at 1-800-222-1222", "a crisis line": help lines. */
  | 'helpline';

export interface CuePattern {
  id: string;
  kind: CueKind;
  weight: number;
  re: RegExp;
  /** In reply to a yes/no or definition question this is the answer ("No, it is toxic to dogs"), not a refusal. */
  answersQuestion?: boolean;
  /** Counts only in a reply's first sentence: an opening imperative ("Don't…") is a lecture, the same words in a list of tips are advice. */
  openingOnly?: boolean;
}

export interface CueHit {
  id: string;
  kind: CueKind;
  weight: number;
  /** Index of the sentence it was found in (0 = first). */
  sentence: number;
  /** The matched text, canonical (lower case). */
  text: string;
  answersQuestion?: boolean;
}
