/** CLI entry points for src/cli/main.ts: `gateway serve`, `grant create|revoke|list`. */
export { gatewayServeCommand, GATEWAY_SERVE_USAGE } from './gateway-serve.js';
export { grantCreateCommand, GRANT_CREATE_USAGE } from './grant-create.js';
export { grantRevokeCommand, GRANT_REVOKE_USAGE } from './grant-revoke.js';
export { grantListCommand, GRANT_LIST_USAGE } from './grant-list.js';
