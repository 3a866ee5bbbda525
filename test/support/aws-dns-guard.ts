import { createRequire } from 'node:module';

/*
 * No test reaches AWS. An SDK client a test forgot to stub would otherwise look its endpoint up
 * and, offline, fail and retry with backoff for seconds on every call (an audit run through the
 * state machine waited 20 s that way), while with a network it would call AWS with the test's fake
 * credentials: the test would pass or fail by where it runs. With the guard installed, such a lookup
 * fails at once, as it does offline, and the host is remembered so the test file can fail naming it.
 */

const AWS_ENDPOINT = /(^|\.)(amazonaws\.com(\.cn)?|api\.aws)$/i;

type LookupCallback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;
type Lookup = ((hostname: string, ...rest: unknown[]) => void) & { awsGuard?: true };

/** The AWS hosts this test process tried to look up. */
export const reachedAwsHosts = new Set<string>();

/** Makes every lookup of an AWS endpoint fail at once (ENOTFOUND), remembering the host. */
export function installAwsDnsGuard(): void {
  // The module object itself (an ES namespace is read-only): `net` looks up through it.
  const dns = createRequire(__filename)('node:dns') as { lookup: Lookup };
  if (dns.lookup.awsGuard) return;
  const lookup = dns.lookup;
  const guarded: Lookup = function guardedLookup(this: unknown, hostname: string, ...rest: unknown[]) {
    if (!AWS_ENDPOINT.test(hostname)) return lookup.call(this, hostname, ...rest);
    reachedAwsHosts.add(hostname);
    const callback = rest.at(-1) as LookupCallback;
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (tests never reach AWS)`), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname,
    });
    process.nextTick(() => callback(error));
  };
  guarded.awsGuard = true;
  dns.lookup = guarded;
}

/** What a test file that reached AWS is told, or undefined when it reached none. */
export function reachedAwsProblem(): string | undefined {
  return reachedAwsHosts.size === 0
    ? undefined
    : `This test file reached AWS for ${[...reachedAwsHosts].sort().join(', ')}: stub the SDK client (aws-sdk-client-mock) or point it at a local endpoint.`;
}
