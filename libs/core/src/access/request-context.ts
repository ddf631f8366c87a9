import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError, ErrorCode } from '../errors';
import { Deadline } from '../limits/deadline';
import { Principal, Role } from './permission';

interface RequestState {
  principal: Principal | null;
  deadline: Deadline | null;
  memo?: Map<string, unknown>;
  /** A subscription's scope: it lasts as long as the socket and spans many events, so nothing is memoized. */
  live?: boolean;
}

const storage = new AsyncLocalStorage<RequestState>();

/** Work outside any request (start-up seeding, background chaining) acts as the system. */
const SYSTEM: Principal = { tokenId: null, actor: 'system', role: Role.ADMIN, namespaces: [] };

/**
 * The request's identity, visible to services without threading it through every call. The state
 * object is created when the request arrives; the guard fills it once the token is checked.
 */
export const requestContext = {
  run<T>(fn: () => T, deadline: Deadline | null = null): T {
    return storage.run({ principal: null, deadline }, fn);
  },
  setPrincipal(principal: Principal): void {
    const state = storage.getStore();
    if (state) state.principal = principal;
  },
  principal(): Principal {
    return storage.getStore()?.principal ?? SYSTEM;
  },
  /**
   * A WebSocket carries many subscriptions over one upgrade request, for as long as the client
   * likes: each subscribe gets its own identity slot and no deadline, entered for the rest of its
   * async flow (Mercurius offers a hook before execution, not a wrapper around it). The socket's
   * later messages start in the last such slot until the next subscribe enters its own; only
   * subscribes execute anything, and each enters first.
   */
  enterSubscription(): void {
    storage.enterWith({ principal: null, deadline: null, live: true });
  },
  runAs<T>(principal: Principal, fn: () => T): T {
    return storage.run({ principal, deadline: null }, fn);
  },
  /** The request's deadline; null outside requests (start-up, background work). */
  deadline(): Deadline | null {
    return storage.getStore()?.deadline ?? null;
  },
  /**
   * One answer per key for the rest of the request: aliases asking the same rollup nine times get
   * one computation and one consistent answer (so do the operations of one batched request, which
   * run concurrently anyway). Released when the response is sent; outside a request, and in a
   * subscription (whose events each need a fresh answer, and which has no end to release at), it
   * computes every time.
   */
  memo<T>(key: string, compute: () => T): T {
    const state = storage.getStore();
    if (!state || state.live) return compute();
    if (!state.memo) {
      state.memo = new Map();
      // Async resources made during the request keep its store alive; the answers need not outlive it.
      state.deadline?.onFinish(() => (state.memo = undefined));
    }
    if (!state.memo.has(key)) state.memo.set(key, compute());
    return state.memo.get(key) as T;
  },
};

/** Pipeline tokens may be limited to namespaces (Hugging Face style `namespace/name`). */
export function assertNamespaceWritable(name: string, field: string): void {
  const p = requestContext.principal();
  if (!p.namespaces.length) return;
  const namespace = name.split('/')[0].toLowerCase();
  if (!p.namespaces.includes(namespace)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `${field}: this token may only write in ${p.namespaces.map((n) => `"${n}/…"`).join(', ')}.`, field, {
      namespace,
    });
  }
}

/**
 * A scoped pipeline token may only name organizations inside its scope (its organizations and
 * what they own) as publisher, operator or deployment owner; otherwise it could file records in
 * another organization's name, with that organization's country and vendor line.
 */
export function assertOrganizationInScope(organization: { id: string; slug: string }, field: string): void {
  const scope = requestContext.principal().organizationIds;
  if (!scope || scope.includes(organization.id)) return;
  throw new DomainError(
    ErrorCode.FORBIDDEN,
    `${field}: this token may not name "${organization.slug}"; it may only name the organizations it is scoped to and those they own.`,
    field,
    { organization: organization.slug },
  );
}
