import { intFlag, parse } from './args.js';
import { openStore } from './store-flag.js';
import { startViewer } from '../viewer/server.js';
import { DEFAULT_VIEWER_PORT } from '../viewer/defaults.js';

const options = { port: { type: 'string' }, store: { type: 'string' } } as const;

export const VIEW_USAGE = `crosscheck view [--port N] [--store PATH]
A local web viewer over the store, on 127.0.0.1 (port ${DEFAULT_VIEWER_PORT} unless --port; 0 picks a free one):
list runs, open one, filter its samples by model, group, outcome or judge disagreement, page through
any number of them, open one sample from every model side by side, and store a human label.`;

export async function viewCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, options, 'view');
  const port = intFlag(values.port, 'port', { min: 0 }) ?? DEFAULT_VIEWER_PORT;
  const store = openStore(values.store);
  const viewer = await startViewer(store, port).catch((err) => {
    store.close();
    throw err;
  });
  process.stdout.write(`crosscheck view: ${viewer.url} (store ${store.path}); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await viewer.close();
  store.close();
  return 0;
}
