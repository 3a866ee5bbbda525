import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A watch's rollback runs in the service's own account and region, and the act function refuses any
 * other at the moment it should roll back. The configuration let through what that refusal (or AWS)
 * would stop only then, in an incident: an ARN of another partition than the region's
 * (`arn:aws-cn:...:eu-west-1`, which no API accepts), and, for an environment reached with
 * Preflight's own credentials (no account or region of its own), a target in another account than
 * `home.account` or another region than `home.regions`. `cdk synth` and the CLI refuse them now.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-rollback-places-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOME = { account: '111122223333', regions: ['eu-west-1'] };

function services(environment: object, rollback: object, home?: object) {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      ...(home === undefined ? {} : { home }),
      environments: { prod: environment },
      services: {
        orders: { environments: ['prod'], resources: { tags: { service: 'orders' } }, watch: { rollback } },
      },
    }),
  );
  return runCliInProcess(['services', '--config', file]);
}

const lambda = (functionArn: string) => ({ action: 'lambda', functionArn });
const automation = (role: string, documentName = 'orders-rollback') => ({
  action: 'ssm-automation',
  documentName,
  parameters: { AutomationAssumeRole: [role] },
});
const KEY = 'services.orders.watch.rollback';
const WHERE = `expected a target in the service's own account and region: the rollback of service "orders" in environment "prod" runs there only`;

describe('a rollback target of another partition than the region it runs in', () => {
  it.each([
    [
      'a function',
      lambda('arn:aws-cn:lambda:eu-west-1:111122223333:function:rollback'),
      `${KEY}.functionArn: got "arn:aws-cn:lambda:eu-west-1:111122223333:function:rollback"`,
    ],
    [
      'a document',
      automation(
        'arn:aws:iam::111122223333:role/rollback',
        'arn:aws-us-gov:ssm:eu-west-1:111122223333:document/orders-rollback',
      ),
      `${KEY}.documentName: got "arn:aws-us-gov:ssm:eu-west-1:111122223333:document/orders-rollback"`,
    ],
    [
      'an automation role',
      automation('arn:aws-us-gov:iam::111122223333:role/rollback'),
      `${KEY}.parameters.AutomationAssumeRole.[0]: got "arn:aws-us-gov:iam::111122223333:role/rollback"`,
    ],
  ])('%s: refused, naming the key and the partition expected (exit 2)', async (_, rollback, got) => {
    const run = await services({ account: '111122223333', region: 'eu-west-1' }, rollback);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(got);
    expect(run.stderr).toMatch(/this one is in partition aws-(cn|us-gov), not eu-west-1's \(aws\)\)/);
  });
});

describe('an environment reached with Preflight own credentials (no account or region of its own)', () => {
  it('refuses a function in another account than home.account', async () => {
    const run = await services(
      { region: 'eu-west-1' },
      lambda('arn:aws:lambda:eu-west-1:999988887777:function:rollback'),
      HOME,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${KEY}.functionArn: got "arn:aws:lambda:eu-west-1:999988887777:function:rollback"; ${WHERE} (this one is in account 999988887777, not the environment's account 111122223333)`,
    );
  });

  it('refuses an automation role in another account than home.account', async () => {
    const run = await services(
      { region: 'eu-west-1' },
      automation('arn:aws:iam::999988887777:role/rollback'),
      HOME,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${KEY}.parameters.AutomationAssumeRole.[0]: got "arn:aws:iam::999988887777:role/rollback"`,
    );
  });

  it('refuses a function in a region Preflight is not deployed in', async () => {
    const run = await services({}, lambda('arn:aws:lambda:ap-south-1:111122223333:function:rollback'), HOME);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${KEY}.functionArn: got "arn:aws:lambda:ap-south-1:111122223333:function:rollback"; ${WHERE} (this one is in region ap-south-1, not a region Preflight runs in (home.regions: eu-west-1))`,
    );
  });

  it('accepts a function in home.account and a home region', async () => {
    const run = await services({}, lambda('arn:aws:lambda:eu-west-1:111122223333:function:rollback'), HOME);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

/*
 * With several home regions, a service whose environment names no region is watched in each of them
 * (each region's stack has its own watch and act function): a regional target was accepted because it
 * is in one home region, and the act function of every other region refused it when it should roll
 * back. The configuration refuses it; a target without a region (a document by name, CodeDeploy
 * groups) still works everywhere.
 */
describe('several home regions and an environment without a region of its own', () => {
  const HOMES = { account: '111122223333', regions: ['eu-west-1', 'us-east-1'] };

  it('refuses a function of one home region: the watches of the others could not roll back', async () => {
    const run = await services({}, lambda('arn:aws:lambda:eu-west-1:111122223333:function:rollback'), HOMES);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${KEY}.functionArn: got "arn:aws:lambda:eu-west-1:111122223333:function:rollback"; ${WHERE} (this one is in region eu-west-1 only, and the service is watched in each of home.regions (eu-west-1, us-east-1): name the environment's region, or a target every region has)`,
    );
  });

  it('refuses a document ARN of one home region', async () => {
    const run = await services(
      {},
      automation(
        'arn:aws:iam::111122223333:role/rollback',
        'arn:aws:ssm:us-east-1:111122223333:document/orders-rollback',
      ),
      HOMES,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${KEY}.documentName: got "arn:aws:ssm:us-east-1:111122223333:document/orders-rollback"`,
    );
  });

  it('accepts a function of the region the environment names, and a document by name', async () => {
    const named = await services(
      { region: 'us-east-1' },
      lambda('arn:aws:lambda:us-east-1:111122223333:function:rollback'),
      HOMES,
    );
    const byName = await services({}, automation('arn:aws:iam::111122223333:role/rollback'), HOMES);

    expect(named.stderr).toBe('');
    expect(named.code).toBe(0);
    expect(byName.stderr).toBe('');
    expect(byName.code).toBe(0);
  });
});
