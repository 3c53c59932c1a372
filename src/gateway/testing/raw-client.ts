import net from 'node:net';

/**
 * TEST HELPER: an HTTP/1.1 client on a raw socket, for what a library client would not do:
 * bodies in tiny writes, many idle connections, malformed bytes. `reply` resolves with what the
 * server sent until it closed the connection (or `untilMs` passed).
 */
export interface RawConnection {
  socket: net.Socket;
  /** Resolves once the server closed the connection (true), or after `ms` if it did not (false). */
  closedWithin(ms: number): Promise<boolean>;
  /** Everything received so far, as latin1 text. */
  received(): string;
  /** Waits until the received text matches `re` (or `ms` pass); returns the text. */
  waitFor(re: RegExp, ms?: number): Promise<string>;
  write(data: string | Buffer): Promise<void>;
  destroy(): void;
}

/** `localAddress`: the address to connect from (another loopback address is another client). */
export function rawConnect(origin: string, localAddress?: string): Promise<RawConnection> {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port), localAddress });
    let text = '';
    let closed = false;
    const closeWaiters: (() => void)[] = [];
    const dataWaiters: (() => void)[] = [];
    socket.on('data', (d) => {
      text += d.toString('latin1');
      for (const w of dataWaiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      for (const w of closeWaiters.splice(0)) w();
      for (const w of dataWaiters.splice(0)) w();
    });
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => text,
        closedWithin: (ms) =>
          new Promise((r) => {
            if (closed) return r(true);
            const t = setTimeout(() => r(false), ms);
            closeWaiters.push(() => (clearTimeout(t), r(true)));
          }),
        async waitFor(re, ms = 5000) {
          const until = Date.now() + ms;
          while (!re.test(text) && !closed && Date.now() < until) {
            await new Promise<void>((r) => {
              const t = setTimeout(r, Math.max(1, until - Date.now()));
              dataWaiters.push(() => (clearTimeout(t), r()));
            });
          }
          return text;
        },
        write: (data) => new Promise((r) => (socket.destroyed ? r() : socket.write(data, () => r()))),
        destroy: () => socket.destroy(),
      }),
    );
    socket.once('error', reject);
  });
}

/** A whole POST request as bytes. */
export function rawPost(path: string, body: string | Buffer, headers: Record<string, string> = {}): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const head = [`POST ${path} HTTP/1.1`, 'host: localhost', 'content-type: application/json', `content-length: ${bytes.length}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), bytes]);
}
