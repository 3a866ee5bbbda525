import { setAside } from '../core/checks/unreadable-resources';
import type { ResourceIdentity } from '../core/scope/types';

/*
 * Reading a listing resource by resource. One item whose answer cannot be read (a required field
 * missing, a date that is none) is set aside for the running check, which reports it as an ERROR
 * naming it, and the other items are still read and judged. (A call made for one resource is
 * settled where the check makes it: see `checks/kit/outcome.ts`.) An item listed twice word for word
 * (a listing that moved while it was paged) is read once, so the calls made for it are made once.
 */

/** What a listing item says of who it is, read without trusting any field to be there. */
export interface ItemIdentity {
  readonly arn?: unknown;
  readonly names?: readonly unknown[];
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

function identityOf(item: ItemIdentity): ResourceIdentity {
  return {
    ...(text(item.arn) ? { arn: item.arn } : {}),
    names: (item.names ?? []).filter(text),
  };
}

/** The items without word-for-word repeats, in order. */
function distinct<I>(items: readonly I[]): I[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    let key: string;
    try {
      key = JSON.stringify(item);
    } catch {
      return true; // not serialisable: read it, rather than guess it is a repeat
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function setAsideOrThrow<I>(
  action: string,
  identify: (item: I) => ItemIdentity,
  item: I,
  index: number,
  error: unknown,
): void {
  let identity: ResourceIdentity;
  try {
    identity = identityOf(identify(item));
  } catch {
    identity = { names: [] }; // an item too malformed to say who it is is named by its place
  }
  const resource = identity.arn ?? identity.names[0] ?? `${action} item ${index + 1}`;
  if (!setAside({ resource, identity, error })) throw error;
}

/**
 * Each item of `action`'s listing read into a record by `read`; an item `read` throws for is set
 * aside for the running check (named by `identify`), or, outside a check run, fails the whole read.
 */
export function readEach<I, T>(
  action: string,
  items: readonly I[],
  identify: (item: I) => ItemIdentity,
  read: (item: I) => T,
): T[] {
  return distinct(items).flatMap((item, index) => {
    try {
      return [read(item)];
    } catch (error) {
      setAsideOrThrow(action, identify, item, index, error);
      return [];
    }
  });
}
