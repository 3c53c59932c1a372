import type { GenerateParams, Generation } from '../../core/generation.js';
import type { ChatMessage } from '../../core/messages.js';
import { UsageError } from '../../core/errors.js';
import type { Sample, Solver, TranscriptMessage } from '../../core/suite.js';
import { personaPrompt, STOP_MARKER, turnNote, type Persona } from './persona.js';

export interface SimulatedUserOptions {
  /** The persona a sample's user plays. */
  persona(sample: Sample): Persona;
  /** User messages at most, the opening included (the target answers each). */
  maxTurns(sample: Sample): number;
  /** Parameters for the user model (a run's `--user` spec parameters override them). */
  userParams?: GenerateParams;
}

/**
 * A model in the `user` role plays the sample's persona against the target: the persona's
 * opening goes first (as written, so every target starts from the same words), then the target
 * and the simulated user take turns until the user has sent `maxTurns` messages or writes the
 * stop marker. The user model sees the conversation from its side (the target's messages as
 * `user`, its own as `assistant`) under the persona prompt, with a short note on the last message
 * saying which message it is writing and which stage of the plan it is in.
 *
 * Every message is kept with who said it: the opening `suite`, the simulated user's messages
 * `user`, the answers `target`. The stop marker is removed from the text; a user message that
 * was only the marker (or empty) ends the conversation without being sent. Scorers grade the
 * target's last answer, and per-turn scorers read every `target` message.
 */
export function simulatedUser(opts: SimulatedUserOptions): Solver {
  return async (sample, models) => {
    if (!models.user) throw new UsageError('the simulated-user solver needs a model in the user role (--user PROVIDER:MODEL)');
    const persona = opts.persona(sample);
    const maxTurns = opts.maxTurns(sample);
    const system = personaPrompt(persona, maxTurns);
    const messages: TranscriptMessage[] = [
      ...sample.input.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => ({ ...m, by: 'suite' as const })),
      { role: 'user', content: persona.opening, by: 'suite' },
    ];
    const generations: Generation[] = [];
    let output = '';
    for (let turn = 1; ; turn++) {
      const answer = await models.target(messages.map(({ role, content }): ChatMessage => ({ role, content })));
      generations.push(answer);
      messages.push({ role: 'assistant', content: answer.text, by: 'target' });
      output = answer.text;
      if (turn >= maxTurns) break;
      const reply = await models.user(userView(system, messages, persona, turn + 1, maxTurns), { temperature: 0, maxTokens: 400, ...opts.userParams });
      generations.push(reply);
      const { text, stop } = readUserReply(reply.text);
      if (!text) break;
      messages.push({ role: 'user', content: text, by: 'user' });
      if (stop) {
        // The user's last words still get an answer: a target that abandons a user who is leaving is graded on it.
        const last = await models.target(messages.map(({ role, content }): ChatMessage => ({ role, content })));
        generations.push(last);
        messages.push({ role: 'assistant', content: last.text, by: 'target' });
        output = last.text;
        break;
      }
    }
    return { messages, generations, output };
  };
}

/** The conversation as the user model sees it: roles swapped, under the persona prompt, with the turn note last. */
export function userView(system: string, messages: readonly TranscriptMessage[], persona: Persona, turn: number, maxTurns: number): ChatMessage[] {
  const chat = messages.filter((m) => m.role === 'user' || m.role === 'assistant');
  const view: ChatMessage[] = [{ role: 'system', content: system }, { role: 'user', content: '[The chat begins. Your first message was:]' }];
  chat.forEach((m, i) => {
    const content = i === chat.length - 1 ? `${m.content}\n\n${turnNote(persona, turn, maxTurns)}` : m.content;
    view.push({ role: m.role === 'assistant' ? 'user' : 'assistant', content });
  });
  return view;
}

/** The user's message without the stop marker, and whether it was there. */
export function readUserReply(raw: string): { text: string; stop: boolean } {
  const stop = raw.includes(STOP_MARKER);
  const text = raw.split(STOP_MARKER).join(' ').replace(/\s+$/g, '').replace(/^\s+/g, '');
  return { text, stop };
}
