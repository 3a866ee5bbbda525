import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus } from '../../../lambdas/core/findings';
import { diffPosture } from '../../../lambdas/core/gate/posture';

const finding = (checkId: string, resource: string, status: FindingStatus): Finding => ({
  checkId,
  rule: 'r',
  resource,
  status,
  message: '',
});

describe('diffPosture', () => {
  it.each([
    {
      case: 'first run: every failure is new',
      previous: undefined,
      findings: [finding('alarms', 'a', 'FAIL'), finding('alarms', 'b', 'PASS')],
      judged: undefined,
      expected: { newFailures: ['alarms r a'], recoveries: [], failing: ['alarms r a'] },
    },
    {
      case: 'whole run: what no longer fails recovered, the memory is replaced',
      previous: ['alarms r a', 'iam-access-keys r x'],
      findings: [finding('alarms', 'a', 'ERROR')],
      judged: undefined,
      expected: { newFailures: [], recoveries: ['iam-access-keys r x'], failing: ['alarms r a'] },
    },
    {
      case: 'partial run: checks it did not judge neither recover nor leave the memory',
      previous: ['alarms r a', 'iam-access-keys r x'],
      findings: [],
      judged: ['secrets-rotation'],
      expected: { newFailures: [], recoveries: [], failing: ['alarms r a', 'iam-access-keys r x'] },
    },
    {
      case: 'partial run: its own checks recover and fail anew, the rest is kept',
      previous: ['alarms r a', 'iam-access-keys r x'],
      findings: [finding('alarms', 'b', 'FAIL'), finding('alarms', 'a', 'PASS')],
      judged: ['alarms'],
      expected: {
        newFailures: ['alarms r b'],
        recoveries: ['alarms r a'],
        failing: ['alarms r b', 'iam-access-keys r x'],
      },
    },
    {
      case: 'a resource with spaces still belongs to its check',
      previous: ['tls-endpoints r my host:443'],
      findings: [],
      judged: ['alarms'],
      expected: { newFailures: [], recoveries: [], failing: ['tls-endpoints r my host:443'] },
    },
    {
      case: 'a failure that is muted now is not a recovery: remembered as muted',
      previous: ['alarms r a'],
      findings: [finding('alarms', 'a', 'MUTED')],
      judged: undefined,
      expected: { newFailures: [], recoveries: [], failing: ['alarms r a #muted'] },
    },
    {
      case: 'a new finding muted from the start is not alerted, and remembered as muted',
      previous: [],
      findings: [finding('alarms', 'a', 'MUTED')],
      judged: undefined,
      expected: { newFailures: [], recoveries: [], failing: ['alarms r a #muted'] },
    },
    {
      case: 'a muted finding failing again when its mute ends is a new failure',
      previous: ['alarms r a #muted'],
      findings: [finding('alarms', 'a', 'FAIL')],
      judged: undefined,
      expected: { newFailures: ['alarms r a'], recoveries: [], failing: ['alarms r a'] },
    },
    {
      case: 'a muted finding that passes now recovered',
      previous: ['alarms r a #muted'],
      findings: [finding('alarms', 'a', 'PASS')],
      judged: undefined,
      expected: { newFailures: [], recoveries: ['alarms r a'], failing: [] },
    },
  ])('$case', ({ previous, findings, judged, expected }) => {
    expect(diffPosture(previous, findings, judged)).toEqual(expected);
  });
});
