/**
 * Test helper: the JSON schema written from the EvalLog (version 2) field list, compiled
 * with ajv, for tests that check exported Inspect logs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { packageRoot } from '../../../../core/package-root.js';

const SCHEMA_DIR = join(packageRoot(), 'src', 'report', 'export', 'inspect');
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, 'eval-log-v2.schema.json'), 'utf8')));

/** Whether a parsed log has every field the schema asks for. */
export function isEvalLog(log: unknown): boolean {
  return validate(log);
}

/** The schema's complaints about the last log checked. */
export function evalLogErrors(): string {
  return ajv.errorsText(validate.errors);
}
