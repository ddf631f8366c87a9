import { ApiError, graphql } from './graphql-client';

export type RoleGuess = 'ADMIN' | 'AUDITOR' | 'READER or PIPELINE';

/**
 * The API has no "who am I", so the role is read from what the token may do: the catalog
 * (every role), the audit trail (AUDITOR, ADMIN) and the token list (ADMIN). A READER and a
 * PIPELINE token read alike; they differ only in writes, which the app never makes.
 */
export async function probeRole(token: string): Promise<RoleGuess> {
  await graphql('query SignIn { models(first: 1) { totalCount } }', {}, token);
  const allowed = async (query: string) => {
    try {
      await graphql(query, {}, token);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'FORBIDDEN') return false;
      throw error;
    }
  };
  if (await allowed('query ProbeAdmin { apiTokens(first: 1) { totalCount } }')) return 'ADMIN';
  if (await allowed('query ProbeAuditor { auditTreeHeads(last: 1) { id } }')) return 'AUDITOR';
  return 'READER or PIPELINE';
}
