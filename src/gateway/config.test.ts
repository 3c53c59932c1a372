import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../core/errors.js';
import { parseGatewayConfig } from './config.js';

describe('gateway.yaml', () => {
  it('reads models, variants and defaults; resolves relative paths against the config directory', () => {
    const c = parseGatewayConfig(
      [
        'listen: { host: 0.0.0.0, port: 9000 }',
        'store: { sqlite: data/gw.db }',
        'models:',
        '  acme-large: { upstream: "openai:gpt-4.1@http://10.0.0.5:8000/v1", apiKeyEnv: ACME_KEY }',
        '  acme-rs: { upstream: "llamacpp:./m.gguf", variant: reduced-safeguards }',
        'audit: { path: x }',
      ].join('\n'),
      '/etc/ccx',
    );
    assert.deepEqual(c.listen, { host: '0.0.0.0', port: 9000 });
    assert.deepEqual(c.store, { sqlite: '/etc/ccx/data/gw.db' });
    assert.equal(c.models.get('acme-large')?.upstream.baseUrl, 'http://10.0.0.5:8000/v1');
    assert.equal(c.models.get('acme-rs')?.upstream.model, '/etc/ccx/m.gguf');
    assert.equal(c.models.get('acme-rs')?.variant, 'reduced-safeguards');
    assert.equal(c.maxBodyBytes, 1024 * 1024);
    assert.equal(c.adminKeyEnv, 'CROSSCHECK_ADMIN_KEY');
    assert.deepEqual(c.audit, { path: 'x' });
  });

  it('refuses mistakes with one-line config errors', () => {
    const bad = [
      'models: {}',
      'modles: { a: { upstream: "openai:x" } }',
      'models: { a: { upstream: "nocolon" } }',
      'models: { a: { upstream: "openai:x", variant: 3 } }',
      'listen: { port: 70000 }\nmodels: { a: { upstream: "openai:x" } }',
      'maxBodyBytes: 0\nmodels: { a: { upstream: "openai:x" } }',
      'models: [',
    ];
    for (const text of bad) assert.throws(() => parseGatewayConfig(text, '/'), (e: Error) => e instanceof ConfigError && !e.message.includes('\n'), text);
  });
});
