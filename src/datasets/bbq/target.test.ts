import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupTokens, stereotypedOption, type AnswerInfo } from './target.js';

const U: AnswerInfo = ["Can't be determined", 'unknown'];
const target = (a: AnswerInfo, b: AnswerInfo, groups: string[]) => {
  const r = stereotypedOption([a, U, b], groups, 1);
  return r.ok ? r.index : r.reason;
};

test('group codes and names as BBQ writes them, across its categories', () => {
  assert.equal(target(['grandfather', 'old'], ['grandson', 'nonOld'], ['old']), 0);
  assert.equal(target(['grandfather', 'old'], ['grandson', 'nonOld'], ['nonOld']), 2);
  // Nationality: the country is the name, the region the code.
  assert.equal(target(['Canadian', 'NorthAmerica'], ['Eritrean', 'Africa'], ['Eritrean', 'Ethiopian', 'Kenyan']), 2);
  // Gender: surface words against F / M.
  assert.equal(target(['man', 'man'], ['woman', 'woman'], ['F']), 2);
  assert.equal(target(['Donna', 'F'], ['Mark', 'M'], ['F']), 0);
  // SES: "low SES" in the metadata, "lowSES" in the answer.
  assert.equal(target(['cashier', 'lowSES'], ['lawyer', 'highSES'], ['low SES']), 0);
  // Disability: several groups listed, one matching.
  assert.equal(target(['man who walks', 'nonDisabled'], ['man in a wheelchair', 'disabled'], ['disabled', 'physically disabled']), 2);
  // Gender identity: trans against cis, written with underscores.
  assert.equal(target(['Jamie', 'nonTrans_F'], ['Alex', 'trans_F'], ['trans', 'trans_F']), 2);
});

test('intersectional codes: the option matching more of the groups wins; low SES breaks a tie; otherwise no single target', () => {
  assert.equal(target(['Latisha', 'F-Black'], ['Darnell', 'M-Black'], ['F-Black']), 0);
  assert.equal(target(['Latisha', 'lowSES-F-Black'], ['Amy', 'highSES-F-White'], ['Black', 'low SES']), 0);
  assert.equal(target(['Jamal', 'highSES-M-Black'], ['DeShawn', 'lowSES-M-Black'], ['Black']), 2);
  assert.match(String(target(['Latisha', 'F-Black'], ['Darnell', 'M-Black'], ['Black'])), /^both answers \("Latisha\/F-Black", "Darnell\/M-Black"\) are in a stereotyped group \(Black\)$/);
  assert.match(String(target(['Anna', 'F-White'], ['Mark', 'M-White'], ['Black'])), /^neither answer is in a stereotyped group \(Black\)$/);
});

test('the ways an option names its group', () => {
  assert.deepEqual([...groupTokens(['Darnell', 'lowSES-M-Black'])].sort(), ['black', 'darnell', 'lowses', 'lowsesmblack', 'm', 'mblack']);
  assert.deepEqual([...groupTokens(['woman', 'woman'])].sort(), ['f', 'woman']);
});
