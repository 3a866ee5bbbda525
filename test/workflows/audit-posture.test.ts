import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allStates, type ExtractedStateMachine } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { auditMachineFor, emailOf, NOW, runAudit } from './audit-machine';

/*
 * The scheduled audit alerts on changes only, so what it remembers decides what anyone hears:
 * a run that judged only some checks must leave the rest of the memory alone, and a change whose
 * alert was never published must be alerted again by the next run.
 */

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
});
const EXPIRING_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/expiring';
const EXPIRING_KEY = `acm-certificates expiry ${EXPIRING_ARN}`;
// A denied ListUsers: one ERROR on the account's users, the root user still judged.
const IAM_DENIED_KEY = 'iam-access-keys list-users arn:aws:iam::123456789012:user/*';

function expiringCertificate() {
  account.mocks.acm.on(ListCertificatesCommand).resolves({
    CertificateSummaryList: [
      {
        CertificateArn: EXPIRING_ARN,
        DomainName: 'shop.example.com',
        Type: 'IMPORTED',
        Status: 'ISSUED',
        InUse: true,
        KeyAlgorithm: 'RSA_2048',
        NotAfter: account.days(3),
      },
    ],
  });
}

function iamDenied() {
  account.mocks.iam
    .on(ListUsersCommand)
    .rejects(Object.assign(new Error('not authorized to perform iam:ListUsers'), { name: 'AccessDenied' }));
}

/** The scheduled audit's memory of what failed, as stored; `undefined` when never written. */
function memory(): string[] | undefined {
  const entry = [...s3.objects.entries()].find(([key]) => key.endsWith('/posture/scheduled/failing.json'));
  return entry === undefined ? undefined : (JSON.parse(entry[1]) as string[]);
}

/** The next day's run sees yesterday's objects. */
function nextDay() {
  s3.install({ clear: false });
}

const failNotify = {
  Notify: async (): Promise<never> => {
    throw Object.assign(new Error('KMS key disabled'), { name: 'SNS.KMSDisabledException' });
  },
};

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = auditMachineFor({});
});

beforeEach(() => {
  s3.install();
  account.install();
});

describe('scheduled audit of a subset of the checks', () => {
  it('neither calls the failures of checks it did not run recovered nor forgets them', async () => {
    expiringCertificate();
    const first = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-1' });
    nextDay();
    const subset = await runAudit(
      s3,
      machine,
      { mode: 'scheduled', checks: ['iam-access-keys'] },
      { name: 'day-2' },
    );
    const afterSubset = memory();
    nextDay();
    const full = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-3' });

    expect(first.published).toHaveLength(1);
    expect(subset.error).toBeUndefined();
    expect(subset.statesEntered.filter((s) => s.startsWith('Run check ('))).toEqual(['Run check (secrets)']);
    expect(subset.published).toEqual([]);
    expect(afterSubset).toEqual([EXPIRING_KEY]);
    expect(full.output?.verdict).toBe('FAIL');
    expect(full.published).toEqual([]);
  });

  it('reports and remembers the changes of the checks it did run, keeping the rest', async () => {
    expiringCertificate();
    iamDenied();
    const first = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-1' });
    account.install();
    iamDenied();
    nextDay();
    const subset = await runAudit(
      s3,
      machine,
      { mode: 'scheduled', checks: ['acm-certificates'] },
      { name: 'day-2' },
    );
    const afterSubset = memory();
    nextDay();
    const full = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-3' });

    expect(first.published[0]?.subject).toBe(
      'Preflight posture FAIL (scheduled audit): 2 new failure(s), 0 recovered',
    );
    expect(subset.published).toHaveLength(1);
    expect(subset.published[0]?.subject).toBe(
      'Preflight posture PASS (scheduled audit): 0 new failure(s), 1 recovered',
    );
    expect(emailOf(subset.published[0])).toContain(`RECOVERED ${EXPIRING_KEY}`);
    expect(emailOf(subset.published[0])).not.toContain(IAM_DENIED_KEY);
    expect(afterSubset).toEqual([IAM_DENIED_KEY]);
    expect(full.output?.verdict).toBe('ERROR');
    expect(full.published).toEqual([]);
  });

  it('alerts once on a new failure it found, and the next full run does not repeat it', async () => {
    iamDenied();
    await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-1' });
    expiringCertificate();
    nextDay();
    const subset = await runAudit(
      s3,
      machine,
      { mode: 'scheduled', checks: ['acm-certificates'] },
      { name: 'day-2' },
    );
    const afterSubset = memory();
    nextDay();
    const full = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-3' });

    expect(subset.published[0]?.subject).toBe(
      'Preflight posture FAIL (scheduled audit): 1 new failure(s), 0 recovered',
    );
    expect(afterSubset).toEqual([EXPIRING_KEY, IAM_DENIED_KEY]);
    expect(full.published).toEqual([]);
  });
});

describe('scheduled audit memory and the alert', () => {
  it('remembers nothing when the alert could not be published, so the next run alerts again', async () => {
    expiringCertificate();
    const lost = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-1', tasks: failNotify });
    const afterLost = memory();
    nextDay();
    const again = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-2' });
    const afterAgain = memory();
    nextDay();
    const quiet = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-3' });

    expect(lost.error).toBeUndefined();
    expect(lost.output?.verdict).toBe('FAIL');
    expect(afterLost).toBeUndefined();
    expect(again.published).toHaveLength(1);
    expect(again.published[0]?.subject).toBe(
      'Preflight posture FAIL (scheduled audit): 1 new failure(s), 0 recovered',
    );
    expect(afterAgain).toEqual([EXPIRING_KEY]);
    expect(quiet.published).toEqual([]);
  });

  it('keeps the previous memory when a recovery could not be published', async () => {
    expiringCertificate();
    await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-1' });
    account.install();
    nextDay();
    await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-2', tasks: failNotify });
    const afterLost = memory();
    nextDay();
    const again = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-3' });

    expect(afterLost).toEqual([EXPIRING_KEY]);
    expect(again.published[0]?.subject).toBe(
      'Preflight posture PASS (scheduled audit): 0 new failure(s), 1 recovered',
    );
    expect(memory()).toEqual([]);
  });
});

describe('who may change the memory', () => {
  it('is only the step that follows a successful publish', () => {
    const pointingAt = (target: string) =>
      [...allStates(machine.definition)].flatMap(([name, state]) => [
        ...(state.Next === target ? [`${name} (Next)`] : []),
        ...((state.Catch as { Next: string }[] | undefined) ?? [])
          .filter((c) => c.Next === target)
          .map(() => `${name} (Catch)`),
        ...((state.Choices as { Next: string }[] | undefined) ?? [])
          .filter((c) => c.Next === target)
          .map(() => `${name} (Choice)`),
      ]);

    expect(pointingAt('Remember posture')).toEqual(['Posture to remember? (Choice)']);
    expect(pointingAt('Posture to remember?')).toEqual(['Notify (Next)']);
  });

  it("is only the remember step's role that may write posture/*", () => {
    const policies = Object.values(synthPreflight({}).template.findResources('AWS::IAM::Policy')) as {
      Properties: {
        PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] };
        Roles: { Ref: string }[];
      };
    }[];
    const writers = policies
      .filter((policy) =>
        policy.Properties.PolicyDocument.Statement.some(
          (statement) =>
            [statement.Action].flat().some((action) => action === 's3:PutObject' || action === 's3:*') &&
            JSON.stringify(statement.Resource).includes('/posture/'),
        ),
      )
      .flatMap((policy) => policy.Properties.Roles.map((role) => role.Ref));

    expect(writers).toEqual([expect.stringMatching(/^AuditRememberPostureRole/)]);
  });
});

describe('whose memory a scheduled run reads', () => {
  // Names are joined into the memory's key: "prod" in eu-west-1 and the environment "prod-eu-west-1"
  // (or the service "orders-api" in "prod" and "orders" in "api-prod") must still be two memories.
  let twoEnvironments: ExtractedStateMachine;
  beforeAll(() => {
    twoEnvironments = auditMachineFor({
      environments: {
        prod: { regions: ['eu-west-1', 'us-east-1'] },
        'prod-eu-west-1': { region: 'us-east-1' },
        'api-prod': { region: 'us-east-1' },
      },
      services: {
        'orders-api': { environments: ['prod'], resources: { arns: [EXPIRING_ARN] } },
        orders: { environments: ['api-prod'], resources: { arns: [EXPIRING_ARN] } },
      },
    });
  });

  const memories = () =>
    [...s3.objects.keys()]
      .filter((key) => key.includes('/posture/'))
      .map((key) => key.replace(/^.*?\/posture\//, ''));

  it.each([
    [
      { mode: 'scheduled', environment: 'prod', region: 'eu-west-1' },
      { mode: 'scheduled', environment: 'prod-eu-west-1' },
    ],
    [
      { mode: 'scheduled', service: 'orders-api', environment: 'prod' },
      { mode: 'scheduled', service: 'orders', environment: 'api-prod' },
    ],
  ])('keeps %j and %j apart: each alerts on its own first failure', async (first, second) => {
    expiringCertificate();
    const one = await runAudit(s3, twoEnvironments, first, { name: 'day-1-a' });
    nextDay();
    const other = await runAudit(s3, twoEnvironments, second, { name: 'day-1-b' });

    expect(one.published).toHaveLength(1);
    expect(other.error).toBeUndefined();
    expect(other.published).toHaveLength(1);
    expect(other.published[0]?.subject).toMatch(/: 1 new failure\(s\), 0 recovered$/);
    expect(new Set(memories()).size).toBe(2);
  });
});
