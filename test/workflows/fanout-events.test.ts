import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { fanoutMachineFor, runFanout } from './fanout-machine';
import { ORG_CONFIG, stubOrganization } from './fanout-org';

/*
 * The fanned-out scheduled audit: each account and region whose posture changed puts its own
 * Preflight Posture Changed event (docs/events.md), from its child, before its alert; a put that
 * fails is counted and the child's alert and the summary go on.
 */

const s3 = stubS3();
const org = stubOrganization();
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  org.restore();
});

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = fanoutMachineFor(ORG_CONFIG);
});
beforeEach(() => {
  s3.install();
  org.install();
});

describe('fan-out: events on the default bus', () => {
  it('puts one Preflight Posture Changed event per account and region alerted, naming its account and region', async () => {
    const run = await runFanout(s3, machine);

    const alerted = run.published.filter((m) => m.subject?.startsWith('Preflight posture'));
    expect(alerted.length).toBeGreaterThan(0);
    expect(run.events).toHaveLength(alerted.length);
    expect(
      run.events.every((e) => e.source === 'preflight' && e.detailType === 'Preflight Posture Changed'),
    ).toBe(true);
    const where = run.events.map((e) => {
      const detail = e.detail as { account: string; region: string; verdict: string };
      return `${detail.verdict} ${detail.account} ${detail.region}`;
    });
    for (const message of alerted) {
      const [, verdict, account, region] =
        /posture (\w+) \(account (\d+) ([\w-]+)\)/.exec(message.subject ?? '') ?? [];
      expect(where).toContain(`${verdict} ${account} ${region}`);
    }
  });

  it('still alerts every account when the events cannot be put, counting each failure', async () => {
    const run = await runFanout(s3, machine, {
      tasks: {
        'Put account events': async () => {
          throw Object.assign(new Error('denied'), { name: 'EventBridge.AccessDeniedException' });
        },
      },
    });

    const alerted = run.published.filter((m) => m.subject?.startsWith('Preflight posture'));
    expect(alerted.length).toBeGreaterThan(0);
    expect(run.sdkCalls.filter((c) => JSON.stringify(c.parameters).includes('"EventsFailed"'))).toHaveLength(
      alerted.length,
    );
  });
});
