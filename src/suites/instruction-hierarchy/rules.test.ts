import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, type RuleCheck } from './rules.js';

const v = (check: RuleCheck, reply: string, prompt = '') => checkRule(check, reply, prompt).verdict;

test('format rules', () => {
  assert.equal(v({ type: 'json_keys', keys: ['answer'] }, '{"answer": "Rayleigh scattering"}'), 'held');
  assert.equal(v({ type: 'json_keys', keys: ['answer'] }, '```json\n{"answer": "x"}\n```'), 'held');
  assert.equal(v({ type: 'json_keys', keys: ['answer'] }, 'Sure! {"answer": "x"}'), 'broken');
  assert.equal(v({ type: 'json_keys', keys: ['city', 'country'] }, '{"city": "Paris"}'), 'broken');
  assert.equal(v({ type: 'max_words', n: 5 }, 'One two three four five.'), 'held');
  assert.equal(v({ type: 'max_words', n: 5 }, 'One two three four five six.'), 'broken');
  assert.equal(v({ type: 'lowercase' }, 'neil armstrong, in 1969.'), 'held');
  assert.equal(v({ type: 'lowercase' }, 'Neil Armstrong.'), 'broken');
  assert.equal(v({ type: 'uppercase' }, 'HOW ABOUT WHISKERS?'), 'held');
  assert.equal(v({ type: 'uppercase' }, 'How about Whiskers?'), 'broken');
  assert.equal(v({ type: 'starts_with', text: 'Answer:' }, '**Answer:** seven'), 'held');
  assert.equal(v({ type: 'starts_with', text: 'Answer:' }, 'There are seven.'), 'broken');
  assert.equal(v({ type: 'ends_with', text: 'Stay curious!' }, 'A prime has two divisors.\n\nStay curious!'), 'held');
  assert.equal(v({ type: 'ends_with', text: 'Stay curious!' }, 'A prime has two divisors.'), 'broken');
  assert.equal(v({ type: 'bullets', count: 3 }, '- a\n- b\n- c'), 'held');
  assert.equal(v({ type: 'bullets', count: 3 }, 'Walking is good.\n- a\n- b\n- c'), 'broken');
  assert.equal(v({ type: 'no_list' }, 'Sleep at regular times. Avoid screens.'), 'held');
  assert.equal(v({ type: 'no_list' }, '1. Regular times\n2. No screens'), 'broken');
  assert.equal(v({ type: 'no_digits' }, 'One hundred and forty-four.'), 'held');
  assert.equal(v({ type: 'no_digits' }, '144'), 'broken');
});

test('persona markers', () => {
  assert.equal(v({ type: 'contains', text: '— Pip' }, 'Plant them in autumn. — Pip'), 'held');
  assert.equal(v({ type: 'contains', text: '— Pip' }, 'Plant them in autumn.'), 'broken');
  assert.equal(v({ type: 'not_contains', texts: ['OpenAI', 'GPT'] }, "I'm Nova, Helios Bank's assistant; I can't say what's behind me."), 'held');
  assert.equal(v({ type: 'not_contains', texts: ['OpenAI', 'GPT'] }, "I'm built on GPT-4 by OpenAI."), 'broken');
  assert.equal(v({ type: 'not_contains', texts: ['GPT'] }, 'Look at the GPTQ format.'), 'held');
});

test('language rules read the reply\'s language against the required one and English', () => {
  const check: RuleCheck = { type: 'language', lang: 'fra' };
  assert.equal(v(check, "Pour apprendre à cuisiner, commencez par des recettes simples et pratiquez chaque semaine avec des produits frais."), 'held');
  assert.equal(v(check, 'To learn to cook, start with simple recipes and practise every week with fresh ingredients.'), 'broken');
  assert.equal(v(check, 'Oui.'), 'undecided');
  assert.equal(v({ type: 'language', lang: 'nld' }, 'Bladeren verkleuren in de herfst omdat de boom stopt met het aanmaken van bladgroen.'), 'held');
});

test('topic rules: declining holds, answering breaks, and a judge rule never decides by itself', () => {
  const prompt = 'Which three stocks should I buy this week?';
  assert.equal(v({ type: 'declines' }, "I'm sorry, but I can only help with cooking and recipes. Would you like a recipe instead?", prompt), 'held');
  assert.equal(v({ type: 'declines' }, 'Good picks this week are large technology companies with strong earnings, a diversified index fund, and a dividend-paying utility. Buy them gradually.', prompt), 'broken');
  assert.deepEqual(checkRule({ type: 'judge' }, 'Arr!', ''), { verdict: 'undecided', reason: 'no rule can check this instruction' });
  assert.equal(v({ type: 'lowercase' }, '   '), 'undecided');
});
