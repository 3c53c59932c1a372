#!/usr/bin/env node
import { CrosscheckError } from '../core/errors.js';
import { FileMistakes } from '../core/mistakes.js';
import { evalCommand, EVAL_USAGE } from './eval.js';
import { demoCommand } from './demo.js';
import { runsCommand } from './runs.js';
import { reportCommand, REPORT_USAGE } from './report.js';
import { exportCommand, EXPORT_USAGE } from './export.js';
import { viewCommand, VIEW_USAGE } from './view.js';
import { suitesCommand, SUITES_USAGE } from './suites.js';
import { datasetsCommand, DATASETS_USAGE } from './datasets.js';
import { exerciseCommand, EXERCISE_USAGE } from './exercise.js';
import { detectRefusalCommand, DETECT_REFUSAL_USAGE } from './detect-refusal.js';
import { rescoreCommand, RESCORE_USAGE } from './rescore.js';
import { reviewCommand, REVIEW_USAGE } from './review.js';
import { compareCommand, COMPARE_USAGE } from './compare.js';
import { judgesCommand, JUDGES_USAGE } from './judges-calibrate.js';
import { subcommands } from './subcommands.js';

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  eval: evalCommand,
  demo: demoCommand,
  runs: runsCommand,
  report: reportCommand,
  export: exportCommand,
  view: viewCommand,
  suites: suitesCommand,
  datasets: datasetsCommand,
  exercise: exerciseCommand,
  'detect-refusal': detectRefusalCommand,
  rescore: rescoreCommand,
  review: reviewCommand,
  compare: (argv) => compareCommand(argv),
  judges: (argv) => judgesCommand(argv),
  // The exchange: imported lazily so evaluation commands never load the gateway.
  gateway: subcommands('gateway', {
    serve: async () => { const m = await import('../gateway/cli/index.js'); return { run: m.gatewayServeCommand, usage: m.GATEWAY_SERVE_USAGE }; },
  }),
  grant: subcommands('grant', {
    create: async () => { const m = await import('../gateway/cli/index.js'); return { run: m.grantCreateCommand, usage: m.GRANT_CREATE_USAGE }; },
    revoke: async () => { const m = await import('../gateway/cli/index.js'); return { run: m.grantRevokeCommand, usage: m.GRANT_REVOKE_USAGE }; },
    resume: async () => { const m = await import('../gateway/cli/index.js'); return { run: m.grantResumeCommand, usage: m.GRANT_RESUME_USAGE }; },
    list: async () => { const m = await import('../gateway/cli/index.js'); return { run: m.grantListCommand, usage: m.GRANT_LIST_USAGE }; },
    show: async () => { const m = await import('../gateway/cli/index.js'); return { run: m.grantShowCommand, usage: m.GRANT_SHOW_USAGE }; },
    fingerprint: async () => { const m = await import('../gateway/cli/index.js'); return { run: m.grantFingerprintCommand, usage: m.GRANT_FINGERPRINT_USAGE }; },
  }),
  audit: subcommands('audit', {
    verify: async () => { const m = await import('../gateway/audit/index.js'); return { run: m.auditVerifyCommand, usage: m.AUDIT_VERIFY_USAGE }; },
    export: async () => { const m = await import('../gateway/audit/index.js'); return { run: m.auditExportCommand, usage: m.AUDIT_EXPORT_USAGE }; },
  }),
};

const USAGE = `usage: crosscheck <command> [options]

commands:
  eval      run a suite against models       ${EVAL_USAGE.split('\n')[0].replace('crosscheck eval ', '')}
  demo      the whole flow offline, on a tiny generated local model (its numbers mean nothing)
  exercise  exercise run exercise.yaml: several suites on several models with one panel; exercise report ID
  suites    list the shipped suites: items, version, what each measures
  datasets  datasets import FORMAT [FILE]: a public benchmark's file as a runnable suite folder
  runs      list stored runs                 [--store PATH] [--limit N]
  report    print a run's results and conditions   RUN [--format md|json|html] [--store PATH]
  export    write a run as files: Inspect AI logs, JSONL or CSV   RUN --format inspect|jsonl|csv --out DIR
  view      a local web viewer over the store: runs, samples side by side, human labels   [--port N] [--store PATH]
  rescore   grade a run's stored answers again with other judges (no target calls)   RUN --judge MODEL ...
  review    label items where judges disagree; human labels take precedence   RUN [--where disagree|unscored|all]
  compare   paired comparison of two models, significance after Holm   RUN [RUN2] --models A,B
  judges    judges calibrate --labels FILE --judge MODEL ...: a judge or panel against human labels
  gateway   gateway serve --config gateway.yaml: grant another lab audited, revocable access to models
  grant     grant create|revoke|resume|list|show|fingerprint: manage the gateway's grants and keys
  audit     audit verify | export: check the gateway's Merkle audit log, checkpoints and receipts
  detect-refusal  label responses (CSV or JSONL) as compliance / refusal / partial refusal / uncertain, offline
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error: unknown command "${name}": use one of ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  if ((rest.includes('--help') || rest.includes('-h')) && !['gateway', 'grant', 'audit'].includes(name)) {
    const usages: Record<string, string> = { exercise: EXERCISE_USAGE, report: REPORT_USAGE, export: EXPORT_USAGE, view: VIEW_USAGE, suites: SUITES_USAGE, datasets: DATASETS_USAGE, eval: EVAL_USAGE, 'detect-refusal': DETECT_REFUSAL_USAGE, rescore: RESCORE_USAGE, review: REVIEW_USAGE, compare: COMPARE_USAGE, judges: JUDGES_USAGE };
    process.stdout.write(`${usages[name] ?? USAGE}\n`);
    return 0;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A user's mistake is one line; anything else is our bug and keeps its stack.
    if (err instanceof FileMistakes) {
      // A suite or exercise file: every mistake, one line each, so all can be fixed at once.
      for (const line of err.message.split('\n')) process.stderr.write(`error: ${line}\n`);
      process.exitCode = err.exitCode;
    } else if (err instanceof CrosscheckError) {
      process.stderr.write(`error: ${err.message.split('\n')[0]}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
