#!/usr/bin/env bash
# Regenerates the golden run and the reports expected of it (a deliberate change of the report:
# say why in the commit). Needs a built tree (npm run build) and the sqlite3 command-line tool.
#   src/report/golden/make-fixture.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cli="node $root/dist/src/cli/main.js"
work="$(mktemp -d)"
cp "$here"/scripts/*.json "$work/"
cd "$work"
# Two targets, two epochs, two judges from the two targets' labs; a human label and a failed sample
# are then added by hand, as `review` and a 500 from an upstream would leave them.
$cli eval hallucination --model scripted:./a.json --model scripted:./b.json --judge scripted:./j1.json --judge scripted:./j2.json \
  --lab scripted:./a.json=openai --lab scripted:./j1.json=openai --lab scripted:./b.json=anthropic --lab scripted:./j2.json=anthropic \
  --limit 15 --epochs 2 --concurrency 4 --store fx.db --quiet >/dev/null
run=$(sqlite3 fx.db "select id from runs")
b='scripted:./b.json'
a='scripted:./a.json'
sqlite3 fx.db "
update scores set outcome='incorrect', value=0 where model='$a' and epoch=2 and sample_id='ans-hist-001' and scorer='model-grader';
update scores set outcome='correct', value=1 where model='$b' and epoch=2 and sample_id='ans-hist-004' and scorer='model-grader';
insert into scores (run_id, model, sample_id, epoch, scorer, outcome, value, explanation) values ('$run','$b','ans-hist-002',1,'human','correct',1,'human review');
delete from scores where model='$b' and epoch=2 and sample_id='fp-hist-003';
delete from generations where model='$b' and epoch=2 and sample_id='fp-hist-003';
update samples set status='error', error='HTTP 500: upstream exploded', error_kind='HTTP 500', output=null, messages=null where model='$b' and epoch=2 and sample_id='fp-hist-003';
update runs set status='finished_with_errors';
update generations set messages='[]' where role='judge';
delete from response_cache;
vacuum;"
{ sqlite3 fx.db .dump; echo "PRAGMA user_version=$(sqlite3 fx.db 'pragma user_version');"; } > "$here/hallucination-run.sql"
$cli report "$run" --store fx.db > "$here/hallucination-report.md"
$cli compare "$run" --models "$a,$b" --store fx.db > "$here/hallucination-compare.md"
node -e "
const [b, m, s] = await Promise.all(['report/build-report.js', 'report/markdown.js', 'store/sqlite-store.js'].map((f) => import('$root/dist/src/' + f)));
const store = new s.SqliteStore('fx.db');
process.stdout.write(m.renderSummary(b.buildReport(store, '$run')));
store.close();" --input-type=module > "$here/hallucination-summary.txt"
echo "$run" > "$here/run-id.txt"
rm -rf "$work"
echo "golden run $run regenerated in $here"
