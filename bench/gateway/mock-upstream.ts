import http from 'node:http';
import { serveAsChild } from '../child-server.js';

/**
 * Zero-latency OpenAI-compatible upstream for the gateway benchmark, in its own process.
 * JSON replies, or (stream: true) three SSE chunks, a usage chunk and [DONE]. Prints PORT=n.
 */
const json = Buffer.from(JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1_700_000_000, model: 'bench-upstream',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there.', refusal: null }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
}));
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-upstream', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const sse = [
  chunk({ role: 'assistant', content: 'Hello' }), chunk({ content: ' there' }), chunk({ content: '.' }, 'stop'),
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-upstream', choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } })}\n\n`,
  'data: [DONE]\n\n',
].join('');

const server = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    const stream = Buffer.concat(parts).includes('"stream":true');
    if (stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(sse);
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': json.length });
      res.end(json);
    }
  });
});
serveAsChild(server);
