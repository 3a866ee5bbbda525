import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bareEnvironment, runCli } from '../support/cli';

/*
 * The SDK's own retry settings reach every AWS call the CLI makes: AWS_MAX_ATTEMPTS and a profile's
 * max_attempts bound the attempts (Preflight's default of 8 applies only when neither is set), and a
 * value that is not a number of attempts is refused naming the setting, before any request is sent.
 */

const home = mkdtempSync(path.join(tmpdir(), 'preflight-retry-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** An AWS endpoint that is down: every request gets 503, and each GetCallerIdentity is counted. */
let identityCalls = 0;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      if (body.includes('Action=GetCallerIdentity')) identityCalls += 1;
      response.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  identityCalls = 0;
});

const awsDown = (extra: Record<string, string>) =>
  bareEnvironment(home, {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL: endpoint,
    ...extra,
  });

// A check that asks STS nothing itself (iam-access-keys names the account's root user through STS), so
// every GetCallerIdentity counted is an attempt of the CLI's one identity lookup.
const audit = (extra: Record<string, string>) =>
  runCli(['audit', '--quiet', '--checks', 'ssm-secure-parameters'], { cwd: home, cleanEnv: awsDown(extra) });

describe('preflight and the SDK retry settings', () => {
  it('makes as many attempts as AWS_MAX_ATTEMPTS says', async () => {
    const run = await audit({ AWS_MAX_ATTEMPTS: '2' });

    expect(identityCalls).toBe(2);
    expect(run.stdout).toContain('sts:GetCallerIdentity failed');
    expect(run.code).toBe(2);
  });

  it("makes as many attempts as the profile's max_attempts says", async () => {
    const config = path.join(home, 'aws-config');
    writeFileSync(config, '[default]\nmax_attempts = 3\n');

    await audit({ AWS_CONFIG_FILE: config });

    expect(identityCalls).toBe(3);
  });

  it.each(['abc', '0', '-1', '2.5', '3x', '1000'])(
    'refuses AWS_MAX_ATTEMPTS=%s naming the setting and what it expects, and sends nothing',
    async (value) => {
      const run = await audit({ AWS_MAX_ATTEMPTS: value });

      expect(identityCalls).toBe(0);
      expect(run.stdout).toContain(`AWS_MAX_ATTEMPTS: got "${value}"; expected a whole number from 1 to 100`);
      expect(run.code).toBe(2);
    },
  );

  it("refuses a profile's max_attempts that is not a number of attempts, naming where it is", async () => {
    const config = path.join(home, 'aws-config-bad');
    writeFileSync(config, '[default]\nmax_attempts = lots\n');

    const run = await audit({ AWS_CONFIG_FILE: config });

    expect(identityCalls).toBe(0);
    expect(run.stdout).toContain('max_attempts in the AWS config file: got "lots"');
    expect(run.code).toBe(2);
  });

  it('refuses an AWS_RETRY_MODE the SDK does not have, naming it, and sends nothing', async () => {
    const run = await audit({ AWS_RETRY_MODE: 'agressive' });

    expect(identityCalls).toBe(0);
    expect(run.stdout).toContain(
      'AWS_RETRY_MODE: got "agressive"; expected one of standard, adaptive, legacy',
    );
    expect(run.code).toBe(2);
  });
});
