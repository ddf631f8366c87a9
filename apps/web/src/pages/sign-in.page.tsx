import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/graphql-client';
import { probeRole } from '../api/role-probe';
import { ErrorPanel } from '../components/error-panel';
import { navigate, useLocation } from '../app/router';
import { storeToken } from '../app/token-store';

/** What each role may see and do here, from ROLE_PERMISSIONS in libs/core/src/access/permission.ts. */
const ROLES = [
  {
    role: 'READER',
    sees: 'Search, model pages and the lineage explorer (the catalog).',
    cannot: 'Exposure, impact, portfolio, violations, waivers and the audit trail need AUDIT_READ.',
  },
  {
    role: 'PIPELINE',
    sees: 'The same pages as READER.',
    cannot: 'Its extra rights are writes from a pipeline (register models, lineage, deployments) through the API or the CLI; the app makes no writes.',
  },
  {
    role: 'AUDITOR',
    sees: 'Every page: search, models, lineage, exposure, impact, portfolio, violations and waivers, and the audit trail.',
    cannot: 'Read-only: it cannot register anything, grant waivers or manage tokens.',
  },
  {
    role: 'ADMIN',
    sees: 'Every page.',
    cannot: 'Can also manage tokens, policies and waivers through the API; the app itself stays read-only.',
  },
];

export function SignInPage() {
  const { params } = useLocation();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const next = params.get('next');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, '');
    if (!value) return setError(new ApiError('UNAUTHENTICATED', 'No token was pasted.'));
    setBusy(true);
    setError(null);
    try {
      const guess = await probeRole(value);
      storeToken(value);
      setRole(guess);
      navigate(next && next.startsWith('/') && !next.startsWith('/sign-in') ? next : '/search');
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError('SERVER', String(failure)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <h1>Sign in to Pedigree</h1>
      <p>
        Paste an API token. On its first start the registry prints a <strong>bootstrap admin token</strong> (it begins with <code>pdg_</code>); an administrator
        can mint others with the <code>createApiToken</code> mutation. The token is kept in this tab’s session storage only and is sent only to this registry.
      </p>
      <form onSubmit={submit}>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder="pdg_…"
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      {role ? <p role="status">Signed in as {role}.</p> : null}
      {error ? <ErrorPanel error={error} /> : null}
      <h2>What each role may see and do</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Sees in this app</th>
            <th scope="col">Limits</th>
          </tr>
        </thead>
        <tbody>
          {ROLES.map((r) => (
            <tr key={r.role}>
              <th scope="row">{r.role}</th>
              <td>{r.sees}</td>
              <td>{r.cannot}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
