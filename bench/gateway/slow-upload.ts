import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * npm run build && node dist/bench/gateway/slow-upload.js [--against OTHER/dist/src/cli/main.js]
 *
 * What reading a request body sent in 200-byte writes costs the gateway before it has even
 * authenticated the caller (the key is wrong): CPU ms of the gateway process for a 512 KiB and a
 * 1 MiB body, beside a bare node:http server that reads the same bodies. A linear reader costs
 * about twice as much for twice the body. One line.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

/** CPU time (user + system) of a process, in ms, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
}

function firstLine(child: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((res, rej) => {
    createInterface({ input: child.stdout! }).on('line', (l) => { const m = re.exec(l); if (m) res(m[1]); });
    child.on('exit', (c) => rej(new Error(`exited ${c}`)));
  });
}

/** Sends a POST whose body goes in 200-byte writes, a few per turn, and waits for the reply's end. */
function slowPost(port: number, path: string, size: number): Promise<void> {
  const body = Buffer.alloc(size, 0x61);
  const head = Buffer.from(`POST ${path} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer wrong\r\ncontent-type: application/json\r\ncontent-length: ${size}\r\nconnection: close\r\n\r\n`);
  return new Promise((res) => {
    const s = net.connect(port, '127.0.0.1', async () => {
      s.setNoDelay(true);
      s.write(head);
      for (let at = 0; at < size; at += 200) {
        s.write(body.subarray(at, at + 200));
        await new Promise((r) => setImmediate(r)); // one small packet at a time
      }
    });
    s.on('data', () => undefined);
    s.on('close', () => res());
    s.on('error', () => res());
  });
}

async function measure(pid: number, port: number, path: string): Promise<string> {
  const out: string[] = [];
  for (const size of [512 * 1024, 1024 * 1024]) {
    await slowPost(port, path, 64 * 1024); // warm
    const before = cpuMs(pid);
    for (let i = 0; i < 3; i++) await slowPost(port, path, size);
    out.push(((cpuMs(pid) - before) / 3).toFixed(0));
  }
  return `${out[0]} / ${out[1]} ms`;
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cc-slow-upload-'));
  try {
    const bare = spawn(process.execPath, ['-e', `require('http').createServer((q,s)=>{q.on('data',()=>{});q.on('end',()=>s.end('{}'))}).listen(0,'127.0.0.1',function(){console.log('PORT='+this.address().port)})`], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(bare);
    const barePort = Number(await firstLine(bare, /PORT=(\d+)/));
    const gateways: [string, string][] = [['gw', join(root, 'dist', 'src', 'cli', 'main.js')]];
    const i = process.argv.indexOf('--against');
    if (i > 0) gateways.push(['other', resolve(process.argv[i + 1])]);
    const parts = [`slow upload (200-byte writes, CPU per request for 512 KiB / 1 MiB): bare node:http ${await measure(bare.pid!, barePort, '/')}`];
    for (const [name, main] of gateways) {
      const config = join(dir, `${name}.yaml`);
      writeFileSync(config, `listen: { host: 127.0.0.1, port: 0 }\nstore: { sqlite: ./${name}.db }\nmodels:\n  m: { upstream: "openai:m@http://127.0.0.1:9/v1" }\n`);
      const gw = spawn(process.execPath, [main, 'gateway', 'serve', '--config', config], { stdio: ['ignore', 'pipe', 'ignore'] });
      children.push(gw);
      const port = Number(new URL(await firstLine(gw, /gateway listening on (\S+)/)).port);
      parts.push(`${name} ${await measure(gw.pid!, port, '/v1/chat/completions')}`);
    }
    process.stdout.write(parts.join(' | ') + '\n');
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
