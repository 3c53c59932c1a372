#!/usr/bin/env node
import { CrosscheckError } from '../core/errors.js';
import { FileMistakes } from '../core/mistakes.js';
import { evalCommand, EVAL_USAGE } from './eval.js';
import { demoCommand, DEMO_USAGE } from './demo.js';
import { runsCommand, RUNS_USAGE } from './runs.js';
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
import { CROSSCHECK_VERSION } from '../core/version.js';

// The exchange: imported lazily so evaluation commands never load the gateway.
const gatewayCli = () => import('../gateway/cli/index.js');
const gateway = subcommands('gateway', {
  serve: { summary: 'serve the exchange: proxy endpoints, admin API, audit log', load: async () => { const m = await gatewayCli(); return { run: m.gatewayServeCommand, usage: m.GATEWAY_SERVE_USAGE }; } },
});
const grant = subcommands('grant', {
  create: { summary: 'grant a lab access to models, with limits and terms; prints its key once', load: async () => { const m = await gatewayCli(); return { run: m.grantCreateCommand, usage: m.GRANT_CREATE_USAGE }; } },
  revoke: { summary: 'end a grant at once', load: async () => { const m = await gatewayCli(); return { run: m.grantRevokeCommand, usage: m.GRANT_REVOKE_USAGE }; } },
  resume: { summary: 'undo a monitor suspension or throttle', load: async () => { const m = await gatewayCli(); return { run: m.grantResumeCommand, usage: m.GRANT_RESUME_USAGE }; } },
  list: { summary: 'every grant with its usage and monitor state', load: async () => { const m = await gatewayCli(); return { run: m.grantListCommand, usage: m.GRANT_LIST_USAGE }; } },
  show: { summary: "one grant: terms, plan, the monitor's signals and actions", load: async () => { const m = await gatewayCli(); return { run: m.grantShowCommand, usage: m.GRANT_SHOW_USAGE }; } },
  fingerprint: { summary: "fingerprint an evaluation's prompts to declare them without their text", load: async () => { const m = await gatewayCli(); return { run: m.grantFingerprintCommand, usage: m.GRANT_FINGERPRINT_USAGE }; } },
});
// Signed results bundles: loaded lazily (tar, the audit log's code) as the exchange is.
const bundle = subcommands('bundle', {
  create: { summary: 'a run as one signed file: records, report, gateway receipts', load: async () => { const m = await import('./bundle-create.js'); return { run: m.bundleCreateCommand, usage: m.BUNDLE_CREATE_USAGE }; } },
  verify: { summary: "check a bundle: signature, consistency, and every receipt against the lab's audit log", load: async () => { const m = await import('./bundle-verify.js'); return { run: (argv: string[]) => m.bundleVerifyCommand(argv), usage: m.BUNDLE_VERIFY_USAGE }; } },
  proofs: { summary: "the evaluated lab's inclusion proofs for a bundle's receipts, for verify --proofs", load: async () => { const m = await import('./bundle-proofs.js'); return { run: (argv: string[]) => m.bundleProofsCommand(argv), usage: m.BUNDLE_PROOFS_USAGE }; } },
  keygen: { summary: 'an evaluator signing key pair for bundles', load: async () => { const m = await import('./bundle-keygen.js'); return { run: m.bundleKeygenCommand, usage: m.BUNDLE_KEYGEN_USAGE }; } },
});
const audit = subcommands('audit', {
  verify: { summary: "check the gateway's Merkle audit log between two checkpoints, and receipts", load: async () => { const m = await import('../gateway/audit/index.js'); return { run: m.auditVerifyCommand, usage: m.AUDIT_VERIFY_USAGE }; } },
  export: { summary: 'the whole audit log as JSON Lines, for audit verify --log FILE', load: async () => { const m = await import('../gateway/audit/index.js'); return { run: m.auditExportCommand, usage: m.AUDIT_EXPORT_USAGE }; } },
});

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
  gateway: gateway.run,
  grant: grant.run,
  bundle: bundle.run,
  audit: audit.run,
};

const USAGE = `usage: crosscheck <command> [options]

commands:
  eval      run a suite against models       SUITE --model [LABEL=]PROVIDER:MODEL[,SETTING=VALUE...] ... [--judge MODEL ...]
  demo      the whole flow offline, on a tiny generated local model (its numbers mean nothing)
  exercise  exercise run exercise.yaml: several suites on several models with one panel; exercise report ID
  suites    list the shipped suites: items, version, what each measures
  datasets  datasets import FORMAT [FILE]: a public benchmark's file as a runnable suite folder
  runs      list stored runs                 [--store PATH] [--limit N]
  report    print a run's results and conditions   RUN [--format md|json|html] [--store PATH]
  export    write a run as files: Inspect AI logs, JSONL or CSV   RUN --format inspect|jsonl|csv --out DIR
  view      a local web viewer over the store: runs, samples side by side, human labels   [--port N] [--store PATH]
  rescore   grade a run's stored answers again with other judges (no target calls)   RUN | --from-bundle FILE --judge MODEL ...
  review    label items where judges disagree; human labels take precedence   RUN [--where disagree|unscored|all]
  compare   paired comparison of two models, significance after Holm   RUN [RUN2] --models A,B
  judges    judges calibrate --labels FILE --judge MODEL ...: a judge or panel against human labels
  gateway   gateway serve --config gateway.yaml: grant another lab audited, revocable access to models
  grant     grant create|revoke|resume|list|show|fingerprint: manage the gateway's grants and keys
  bundle    bundle keygen | create RUN | verify FILE | proofs FILE: a run as one signed file the evaluated lab checks against its audit log
  audit     audit verify | export: check the gateway's Merkle audit log, checkpoints and receipts
  detect-refusal  label responses (CSV or JSONL) as compliance / refusal / partial refusal / uncertain, offline

crosscheck <command> --help describes a command and its options; crosscheck --version prints the version.
`;

/** Each command's own help: what it does and what every flag does. */
const USAGES: Record<string, string> = {
  eval: EVAL_USAGE, demo: DEMO_USAGE, runs: RUNS_USAGE, report: REPORT_USAGE, export: EXPORT_USAGE, view: VIEW_USAGE, suites: SUITES_USAGE, datasets: DATASETS_USAGE,
  exercise: EXERCISE_USAGE, 'detect-refusal': DETECT_REFUSAL_USAGE, rescore: RESCORE_USAGE, review: REVIEW_USAGE,
  compare: COMPARE_USAGE, judges: JUDGES_USAGE, gateway: gateway.usage, grant: grant.usage, bundle: bundle.usage, audit: audit.usage,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0] && USAGES[rest[0]]) {
      process.stdout.write(`${USAGES[rest[0]]}\n`);
      return 0;
    }
    (name ? process.stdout : process.stderr).write(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`crosscheck ${CROSSCHECK_VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error: unknown command "${name}": use one of ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  // Groups (gateway, grant, bundle, audit) answer --help themselves, for the group or a subcommand.
  if ((rest.includes('--help') || rest.includes('-h')) && ![gateway.run, grant.run, bundle.run, audit.run].includes(command)) {
    process.stdout.write(`${USAGES[name] ?? USAGE}\n`);
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
