import http from 'node:http';
import { serveAsChild } from '../child-server.js';

/**
 * A zero-latency OpenAI-compatible chat-completions server for the harness benchmark, run in its
 * own process so its CPU is not charged to Crosscheck. Prints `PORT=n` once listening.
 */
const reply = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'bench-model',
    choices: [{ index: 0, message: { role: 'assistant', content: 'It was 1989.', refusal: null }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
  }),
);
let served = 0;

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url === '/stats') {
      res.end(JSON.stringify({ requests: served }));
      return;
    }
    served++;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length });
    res.end(reply);
  });
});
serveAsChild(server);
