import { lookup } from 'node:dns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { reachedAwsHosts, reachedAwsProblem } from './aws-dns-guard';

// The guard is installed by test/setup.ts for every test file; this file checks that it holds.
describe('the guard that keeps tests away from AWS', () => {
  // What this file reaches on purpose is forgotten, so its own run is not failed for it.
  afterEach(() => reachedAwsHosts.clear());

  it('fails an unstubbed SDK call at once, without a retry, and names the endpoint for the file', async () => {
    const sts = new STSClient({ region: 'eu-west-1', maxAttempts: 1 });

    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow(
      /ENOTFOUND sts\.eu-west-1\.amazonaws\.com \(tests never reach AWS\)/,
    );
    expect(reachedAwsProblem()).toMatch(
      /^This test file reached AWS for sts\.eu-west-1\.amazonaws\.com: stub the SDK client/,
    );
  });

  it.each(['s3.amazonaws.com', 'sts.cn-north-1.amazonaws.com.cn', 'ec2.eu-west-1.api.aws'])(
    'refuses %s',
    async (host) => {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
        lookup(host, (e) => resolve(e)),
      );
      expect(error?.code).toBe('ENOTFOUND');
      expect(reachedAwsHosts.has(host)).toBe(true);
    },
  );

  it('lets other hosts through: a local endpoint still resolves', async () => {
    const address = await new Promise<string>((resolve, reject) =>
      lookup('localhost', (e, a) => (e ? reject(e) : resolve(a))),
    );
    expect(address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(reachedAwsProblem()).toBeUndefined();
  });
});
