// The audit trail's pure rules (`@pedigree/audit/rules`): no Nest, no database, so an independent
// verifier, a tool or a test can recompute event hashes without starting the registry.
export { eventHash, GENESIS_HASH } from './audit-hash';
export type { HashVersion } from './audit-hash';
