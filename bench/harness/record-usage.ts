import { writeFileSync } from 'node:fs';

/**
 * Preloaded into the measured CLI process (`node --import`): at exit, writes the process's own
 * CPU time and peak RSS to the file named by CROSSCHECK_BENCH_USAGE. Changes nothing else.
 */
const out = process.env.CROSSCHECK_BENCH_USAGE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
  });
}
