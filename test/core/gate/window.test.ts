import { describe, expect, it } from 'vitest';
import { DeploymentWindowSchema } from '../../../lambdas/core/config/gate-schema';
import { evaluateWindow, localTime } from '../../../lambdas/core/gate/window';

const WINDOW = DeploymentWindowSchema.parse({
  days: ['MON', 'TUE', 'WED', 'THU'],
  start: '09:00',
  end: '16:00',
  blackoutDates: ['2026-12-24'],
});

describe('localTime', () => {
  it('reads date, weekday and time in the zone, across daylight saving', () => {
    expect(localTime(new Date('2026-07-01T08:30:00Z'), 'Europe/London')).toEqual({
      date: '2026-07-01',
      day: 'WED',
      time: '09:30',
    });
    expect(localTime(new Date('2026-12-01T08:30:00Z'), 'Europe/London')).toEqual({
      date: '2026-12-01',
      day: 'TUE',
      time: '08:30',
    });
    expect(localTime(new Date('2026-11-27T03:00:00Z'), 'America/Los_Angeles')).toEqual({
      date: '2026-11-26',
      day: 'THU',
      time: '19:00',
    });
  });
});

describe('evaluateWindow', () => {
  it.each([
    ['2026-11-26T09:00:00Z', 'PASS', 'Inside the deployment window (THU 09:00 Europe/London).'],
    ['2026-11-26T15:59:00Z', 'PASS', 'Inside the deployment window (THU 15:59 Europe/London).'],
    [
      '2026-11-26T16:00:00Z',
      'FAIL',
      'Outside the deployment window: 16:00 is outside 09:00-16:00 (Europe/London).',
    ],
    [
      '2026-11-26T08:59:00Z',
      'FAIL',
      'Outside the deployment window: 08:59 is outside 09:00-16:00 (Europe/London).',
    ],
    [
      '2026-11-28T10:00:00Z',
      'FAIL',
      'Outside the deployment window: SAT is not a deployment day (MON, TUE, WED, THU) (Europe/London).',
    ],
    [
      '2026-12-24T10:00:00Z',
      'FAIL',
      'Outside the deployment window: 2026-12-24 is a blackout date (Europe/London).',
    ],
  ])('at %s is %s', (at, status, message) => {
    const [finding] = evaluateWindow(WINDOW, 'Europe/London', new Date(at));
    expect(finding).toMatchObject({ status, message, itemId: 'final.deployment-window' });
  });

  it('lets a recorded override through, and records who, when and why', () => {
    const override = {
      reason: 'INC-7 hotfix',
      by: 'arn:aws:sts::123456789012:assumed-role/ReleaseManagers/ana',
      at: '2026-11-28T09:55:00.000Z',
    };
    const [finding] = evaluateWindow(WINDOW, 'Europe/London', new Date('2026-11-28T10:00:00Z'), override);
    expect(finding?.status).toBe('PASS');
    expect(finding?.message).toBe(
      'Outside the deployment window (SAT is not a deployment day (MON, TUE, WED, THU)), overridden by arn:aws:sts::123456789012:assumed-role/ReleaseManagers/ana at 2026-11-28T09:55:00.000Z: INC-7 hotfix',
    );
    expect(finding?.evidence).toMatchObject({ override });
  });

  it('says nothing when no window is configured', () => {
    expect(evaluateWindow(undefined, 'UTC', new Date())).toEqual([]);
  });
});
