import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { GatewayError } from '../server/gateway-error.js';
import type { GrantPolicy } from './grant.js';

/** JSON Schema for a request body: the wire format's documented fields (and vendor ones the policy reads). */
export interface RequestSchema {
  type: 'object';
  required: string[];
  properties: Record<string, object>;
}

/**
 * Strict types, no coercion: `"logprobs": "true"` or `1` is not a boolean, whatever a lax
 * server would make of it. Optional fields may be null (SDKs send nulls for unset fields).
 */
const ajv = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: false, removeAdditional: false, strict: true, allowUnionTypes: true });

/** Schema building blocks: a type that may also be null. */
export const nullable = {
  boolean: { type: ['boolean', 'null'] },
  string: { type: ['string', 'null'] },
  number: { type: ['number', 'null'] },
  object: { type: ['object', 'null'] },
  array: { type: ['array', 'null'] },
  count: (minimum: number) => ({ type: ['integer', 'null'], minimum }),
};

export interface RequestValidator {
  /** Throws a 400 GatewayError naming the first field with the wrong type, or (allow-list mode) a field not allowed. */
  check(body: Record<string, unknown>, policy?: GrantPolicy): void;
  /** The fields the schema knows: what allow-list mode lets through (with the grant's own `allow`). */
  readonly known: ReadonlySet<string>;
}

export function compileRequestSchema(schema: RequestSchema): RequestValidator {
  const validate: ValidateFunction = ajv.compile(schema);
  const known = new Set(Object.keys(schema.properties));
  return {
    known,
    check(body, policy) {
      if (!validate(body)) throw invalidField(validate.errors?.[0]);
      if (!policy?.allowList) return;
      for (const field in body) {
        if (!known.has(field) && !policy.allow?.includes(field)) {
          throw new GatewayError('invalid_request', 'parameter_not_allowed', `The parameter '${field}' is not allowed by this grant (it accepts only known fields).`, { param: field });
        }
      }
    },
  };
}

function invalidField(e: ErrorObject | undefined): GatewayError {
  if (!e) return new GatewayError('invalid_request', 'invalid_request', 'The request body does not have the expected shape.');
  const field = e.keyword === 'required' ? String(e.params.missingProperty) : e.instancePath.slice(1).replace(/\//g, '.');
  const what = e.keyword === 'required' ? 'is required' : e.keyword === 'type' ? `must be ${String(e.params.type).replace(',', ' or ')}` : (e.message ?? 'is not valid');
  return new GatewayError('invalid_request', 'invalid_request', `'${field}' ${what}.`, { param: field });
}
