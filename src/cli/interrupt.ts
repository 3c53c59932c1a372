import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface Interruptible {
  /** Aborted on the first Ctrl-C or SIGTERM, with the signal's name as its reason. */
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM (the shell's convention), undefined if none came. */
  exitCode(): number | undefined;
  dispose(): void;
}

/**
 * Ctrl-C and SIGTERM while a run works: the first stops it as other stops do (calls in flight
 * end, finished samples stay saved, the run is stored as stopped and the resume hint printed);
 * a second one quits at once.
 */
export function interruptible(): Interruptible {
  const controller = new AbortController();
  let received: (typeof SIGNALS)[number] | undefined;
  const code = (sig: (typeof SIGNALS)[number]) => 128 + constants.signals[sig];
  const handler = (sig: (typeof SIGNALS)[number]) => {
    if (received) {
      process.stderr.write(`\n${sig} again: quitting now; samples already saved stay saved\n`);
      process.exit(code(sig));
    }
    received = sig;
    process.stderr.write(`\n${sig}: stopping; finished samples are saved (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again quits at once)\n`);
    controller.abort(sig);
  };
  for (const sig of SIGNALS) process.on(sig, handler);
  return {
    signal: controller.signal,
    exitCode: () => (received ? code(received) : undefined),
    dispose: () => {
      for (const sig of SIGNALS) process.off(sig, handler);
    },
  };
}
