/// <reference types="aws-sdk-client-mock-vitest/dist/extend" />
import 'aws-sdk-client-mock-vitest/extend';
import { createRequire } from 'node:module';
import { afterAll } from 'vitest';

/*
 * No test reaches AWS. An SDK client a test forgot to stub would otherwise look its endpoint up
 * and, offline, fail and retry with backoff for seconds on every call (an audit run through the
 * state machine waited 20 s that way), while with a network it would call AWS with the test's fake
 * credentials: the test would pass or fail by where it runs. Here such a lookup fails at once, as
 * it does offline, and the test file fails naming the endpoint, so the missing stub gets written.
 */

const AWS_ENDPOINT = /(^|\.)(amazonaws\.com(\.cn)?|api\.aws)$/i;

type LookupCallback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;
type Lookup = (hostname: string, ...rest: unknown[]) => void;

// The module object itself (an ES namespace is read-only): `net` looks up through it.
const dns = createRequire(__filename)('node:dns') as { lookup: Lookup };
const lookup = dns.lookup;
const reached = new Set<string>();

dns.lookup = function guardedLookup(this: unknown, hostname: string, ...rest: unknown[]) {
  if (!AWS_ENDPOINT.test(hostname)) return lookup.call(this, hostname, ...rest);
  reached.add(hostname);
  const callback = rest.at(-1) as LookupCallback;
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (tests never reach AWS)`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname,
  });
  process.nextTick(() => callback(error));
};

afterAll(() => {
  if (reached.size > 0) {
    throw new Error(
      `This test file reached AWS for ${[...reached].sort().join(', ')}: stub the SDK client (aws-sdk-client-mock) or point it at a local endpoint.`,
    );
  }
});
