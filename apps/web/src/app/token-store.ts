// The token lives in session storage: it survives a reload but not the tab, and is never sent
// anywhere but this registry's /graphql.
const KEY = 'pedigree.token';

export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
