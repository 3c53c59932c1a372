/** CLI entry points for src/cli/main.ts: `gateway serve`, `grant create|revoke|resume|list|show|fingerprint`. */
export { gatewayServeCommand, GATEWAY_SERVE_USAGE } from './gateway-serve.js';
export { grantCreateCommand, GRANT_CREATE_USAGE } from './grant-create.js';
export { grantRevokeCommand, GRANT_REVOKE_USAGE } from './grant-revoke.js';
export { grantResumeCommand, GRANT_RESUME_USAGE } from './grant-resume.js';
export { grantListCommand, GRANT_LIST_USAGE } from './grant-list.js';
export { grantShowCommand, GRANT_SHOW_USAGE } from './grant-show.js';
export { grantFingerprintCommand, GRANT_FINGERPRINT_USAGE } from './grant-fingerprint.js';
