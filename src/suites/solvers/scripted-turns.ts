import type { ChatMessage } from '../../core/messages.js';
import type { Generation } from '../../core/generation.js';
import type { Sample, Solver, TranscriptMessage } from '../../core/suite.js';

/**
 * A fixed sequence of user turns: the sample's own messages first, then each follow-up in turn
 * (e.g. "I don't think that's right. Are you sure?"), the target answering every one. Scorers
 * grade the last answer; every turn is kept in the transcript.
 */
export function scriptedTurns(followUps: (sample: Sample) => readonly string[]): Solver {
  return async (sample, models) => {
    const messages: TranscriptMessage[] = sample.input.map((m) => ({ ...m, by: 'suite' as const }));
    const generations: Generation[] = [];
    const ask = async () => {
      const gen = await models.target(messages.map(({ role, content }): ChatMessage => ({ role, content })));
      generations.push(gen);
      messages.push({ role: 'assistant', content: gen.text, by: 'target' });
      return gen.text;
    };
    let output = await ask();
    for (const turn of followUps(sample)) {
      messages.push({ role: 'user', content: turn, by: 'suite' });
      output = await ask();
    }
    return { messages, generations, output };
  };
}
