/**
 * Which role a target's instructions (system prompts) went in: the `system` role unless the run
 * asked for `developer` (`--system-role`, a target param). OpenAI-wire providers send the role
 * as asked; Anthropic, Google and local GGUF models have one instruction channel, where both
 * roles make the same request, and the report says so. A run whose targets differ in role
 * (`--system-role both`) has one column per role.
 */
import { parseModelRef } from '../core/model-ref.js';
import type { ModelSpec } from '../core/run-record.js';

const SINGLE_CHANNEL = new Set(['anthropic', 'google', 'llamacpp']);

export function instructionRoleOf(spec: Pick<ModelSpec, 'ref' | 'params'>): { role: 'system' | 'developer'; description: string } {
  const role = spec.params.systemRole ?? 'system';
  let provider = '';
  try {
    provider = parseModelRef(spec.ref).provider;
  } catch {
    // A stored ref this version cannot parse: say nothing about its wire.
  }
  const note = SINGLE_CHANNEL.has(provider) ? `; ${provider} has one instruction channel, so the role does not change the request` : '';
  return { role, description: `instructions in the ${role} role${spec.params.systemRole ? '' : ' (default)'}${note}` };
}

/** The line a report adds when its targets sent instructions in different roles; null when they all used one. */
export function mixedRolesNote(specs: readonly Pick<ModelSpec, 'ref' | 'params' | 'label'>[]): string | null {
  const roles = new Set(specs.map((s) => instructionRoleOf(s).role));
  if (roles.size < 2) return null;
  return `instructions went in different roles (${[...roles].join(', ')}): each target's numbers are for its own role; \`crosscheck compare RUN --models A,B\` tests a difference on paired samples`;
}
