/**
 * `crosscheck view`: the viewer served on 127.0.0.1 (never another interface: transcripts are
 * not for the network). Port 0 picks a free one; the URL it listens on is returned.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { UsageError } from '../core/errors.js';
import type { RunStore } from '../store/run-store.js';
import { createViewerApp } from './app.js';
import { VIEWER_HOST } from './defaults.js';

export interface RunningViewer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startViewer(store: RunStore, port: number): Promise<RunningViewer> {
  let hosts: string[] = [];
  const app = createViewerApp(store, () => hosts);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: VIEWER_HOST }, () => resolve(s as Server)) as Server;
    s.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new UsageError(`port ${port} on ${VIEWER_HOST} is in use: pick another with --port`) : err));
  });
  const actual = (server.address() as AddressInfo).port;
  hosts = [`${VIEWER_HOST}:${actual}`, `localhost:${actual}`];
  return {
    url: `http://${VIEWER_HOST}:${actual}`,
    port: actual,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
