import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError, ErrorCode } from '../errors';
import { Principal, Role } from './permission';

interface RequestState {
  principal: Principal | null;
}

const storage = new AsyncLocalStorage<RequestState>();

/** Work outside any request (start-up seeding, background chaining) acts as the system. */
const SYSTEM: Principal = { tokenId: null, actor: 'system', role: Role.ADMIN, namespaces: [] };

/**
 * The request's identity, visible to services without threading it through every call. The state
 * object is created when the request arrives; the guard fills it once the token is checked.
 */
export const requestContext = {
  run<T>(fn: () => T): T {
    return storage.run({ principal: null }, fn);
  },
  setPrincipal(principal: Principal): void {
    const state = storage.getStore();
    if (state) state.principal = principal;
  },
  principal(): Principal {
    return storage.getStore()?.principal ?? SYSTEM;
  },
  runAs<T>(principal: Principal, fn: () => T): T {
    return storage.run({ principal }, fn);
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
