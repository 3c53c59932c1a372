import type { Solver } from '../../core/suite.js';

/** One turn: send the sample's messages to the target, keep its answer. */
export const singleTurn: Solver = async (sample, models) => {
  const gen = await models.target(sample.input);
  return {
    messages: [...sample.input.map((m) => ({ ...m, by: 'suite' as const })), { role: 'assistant', content: gen.text, by: 'target' }],
    generations: [gen],
    output: gen.text,
  };
};
