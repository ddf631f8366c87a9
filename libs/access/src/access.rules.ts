// Access's pure rules (`@pedigree/access/rules`): no Nest, no database, for tools and tests that
// must derive what the registry stores from a token.
export { hashToken } from './token-format';
