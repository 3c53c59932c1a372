// npm sets the executable bit on a package's bins when it links them, which for this package
// happens before `prepare` has compiled them: a fresh `npm install` left `npx crosscheck`
// failing with "Permission denied". The build sets the bit itself.
import { chmodSync, readFileSync } from 'node:fs';

const { bin } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
for (const path of typeof bin === 'string' ? [bin] : Object.values(bin ?? {})) chmodSync(new URL(`../${path}`, import.meta.url), 0o755);
