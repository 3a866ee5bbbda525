/// <reference types="aws-sdk-client-mock-vitest/dist/extend" />
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll } from 'vitest';
import { installAwsDnsGuard, reachedAwsProblem } from './support/aws-dns-guard';

// No test reaches AWS: a lookup of an AWS endpoint fails at once, and the test file fails naming it.
installAwsDnsGuard();

afterAll(() => {
  const problem = reachedAwsProblem();
  if (problem !== undefined) throw new Error(problem);
});
