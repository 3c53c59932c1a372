// Parse rate of the model grader's reply parser on realistic judge replies, per judge prompt
// style: the suite's own `simpleqa-grader/v1` labels and SimpleQA's letter grades (A/B/C). Each
// reply carries the grade a careful reader takes from it, or null where none can be taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { suiteDataPath } from '../../../package-files.js';
import { parseGraderReply } from '../grade-parser.js';

interface Reply { id: string; prompt: string; style: string; reply: string; expect: string | null }

const replies: Reply[] = readFileSync(suiteDataPath('hallucination', 'grading', 'labelled', 'judge-replies.jsonl'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Reply);

test('every readable judge reply parses to its grade, and every ambiguous one is refused', (t) => {
  assert.ok(replies.length >= 50);
  for (const prompt of [...new Set(replies.map((r) => r.prompt))]) {
    const mine = replies.filter((r) => r.prompt === prompt);
    const readable = mine.filter((r) => r.expect !== null);
    const parsed = readable.filter((r) => { const p = parseGraderReply(r.reply); return p.ok && p.label === r.expect; });
    const refused = mine.filter((r) => r.expect === null && !parseGraderReply(r.reply).ok);
    t.diagnostic(`${prompt}: parsed ${parsed.length}/${readable.length} readable replies, refused ${refused.length}/${mine.length - readable.length} ambiguous ones`);
  }
  for (const r of replies) {
    const p = parseGraderReply(r.reply);
    if (r.expect === null) assert.equal(p.ok, false, `${r.id} should be refused: ${JSON.stringify(r.reply)}`);
    else assert.deepEqual(p, { ok: true, label: r.expect }, `${r.id}: ${JSON.stringify(r.reply)}`);
  }
});
