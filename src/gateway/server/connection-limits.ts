import type http from 'node:http';
import type { Socket } from 'node:net';

/**
 * At most `perClient` open connections from one remote address; more are closed as they arrive
 * (server.maxConnections bounds the total the same way). One client cannot take every slot.
 * Behind a TLS terminator every connection comes from its address: raise the limit there.
 */
export function boundConnections(server: http.Server, perClient: number): void {
  const open = new Map<string, number>();
  // Registered before node:http's own listener, so a refused socket never reaches the parser.
  server.prependListener('connection', (socket: Socket) => {
    const who = socket.remoteAddress ?? '';
    const n = (open.get(who) ?? 0) + 1;
    if (n > perClient) {
      socket.destroy();
      return;
    }
    open.set(who, n);
    socket.once('close', () => {
      const left = (open.get(who) ?? 1) - 1;
      if (left <= 0) open.delete(who);
      else open.set(who, left);
    });
  });
}
