/// <reference types="aws-sdk-client-mock-vitest/dist/extend" />
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll } from 'vitest';
import { installAwsDnsGuard, reachedAwsHosts, reachedAwsProblem } from './support/aws-dns-guard';

// No test reaches AWS: a lookup of an AWS endpoint fails at once, and the test file fails naming it.
installAwsDnsGuard();

// A file of the shared project runs in a process other files used before it: it answers for its own lookups.
beforeAll(() => {
  reachedAwsHosts.clear();
});

afterAll(() => {
  const problem = reachedAwsProblem();
  if (problem !== undefined) throw new Error(problem);
});
