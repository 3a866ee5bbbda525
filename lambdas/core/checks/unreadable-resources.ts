import { AsyncLocalStorage } from 'node:async_hooks';
import { explainError } from '../errors';
import type { Finding } from '../findings';
import { resourceTypeOfArn } from '../scope/arn';
import type { CheckScope } from '../scope/check-scope';
import type { ResourceIdentity } from '../scope/types';
import type { CheckScopeKind } from './types';

/*
 * One resource whose answer cannot be read (a field missing or malformed, its own call denied or
 * failing) must not blind a check to the others. The adapter that reads a listing item by item sets
 * such a resource aside for the check that is running; the runner reports it as an ERROR finding
 * naming the resource, the call or field and why, beside the others' findings. The check is then
 * not PASS (an ERROR is never a pass), and a FAIL among the others still counts.
 *
 * The set-aside resources travel with the check's own asynchronous context, not through every port:
 * checks run concurrently over one set of ports, and each must receive only what its own reads set
 * aside. Outside a check run (a read with no runner to report it) nothing is collected, and the read
 * fails as a whole, as before.
 */

/** A resource a listing named but whose answer could not be read or trusted. */
export interface UnreadableResource {
  /** How findings name it: its ARN, else its first name, else its place in the listing. */
  readonly resource: string;
  /** What is known of it, to place it in or out of a service's scope. */
  readonly identity: ResourceIdentity;
  /** What stopped the read: an `AwsCallError` naming the call and the field, or the call's failure. */
  readonly error: unknown;
}

const running = new AsyncLocalStorage<UnreadableResource[]>();

/**
 * Sets one resource aside for the check running in this context. `false` when no check run collects
 * here: the caller must then fail the whole read (throw), so nothing is lost silently.
 */
export function setAside(resource: UnreadableResource): boolean {
  const collected = running.getStore();
  if (collected === undefined) return false;
  collected.push(resource);
  return true;
}

/** Runs one check, returning what it found and the resources its reads set aside. */
export async function collectingUnreadable<T>(
  run: () => Promise<T>,
): Promise<{ readonly value: T; readonly unreadable: readonly UnreadableResource[] }> {
  const collected: UnreadableResource[] = [];
  const value = await running.run(collected, run);
  return { value, unreadable: collected };
}

/**
 * Whether a set-aside resource belongs in a check's result. For the whole account, every one. For a
 * service, those in its scope; one of a kind the check selects by scope but outside the service's is
 * another service's and is left out (the check would never have judged it). One without an identity,
 * or of a kind the check only looks up (a secret an environment variable names), may be what the
 * service needs: it is kept, so an unreadable resource never turns into a silent pass.
 */
function concerns(unreadable: UnreadableResource, kind: CheckScopeKind, scope: CheckScope): boolean {
  if (scope.service === undefined || kind.kind !== 'resources') return true;
  const { identity } = unreadable;
  if (identity.arn === undefined && identity.names.length === 0) return true;
  // Selected, not just tested: the service's scope evidence then names it among what was judged.
  if (scope.select([identity], (known) => known).length > 0) return true;
  const type = identity.arn === undefined ? undefined : resourceTypeOfArn(identity.arn);
  return type === undefined || !kind.types.includes(type);
}

/**
 * The ERROR finding of each set-aside resource the check's scope concerns, once per resource and
 * reason (a resource listed twice is reported once).
 */
export function unreadableFindings(
  checkId: string,
  unreadable: readonly UnreadableResource[],
  kind: CheckScopeKind,
  scope: CheckScope,
): Finding[] {
  const seen = new Set<string>();
  return unreadable.flatMap((item): Finding[] => {
    if (!concerns(item, kind, scope)) return [];
    const { message, remediation, code } = explainError(item.error);
    const key = `${item.resource}\n${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        checkId,
        rule: 'read',
        resource: item.resource,
        status: 'ERROR',
        message,
        remediation,
        evidence: { code },
      },
    ];
  });
}
