import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import { buildReport } from '../../../lambdas/core/report/build';
import { renderJunit } from '../../../lambdas/core/report/render-junit';
import { expectValidJunit } from '../../support/report-formats';

const reportWith = (resource: string, message: string) =>
  buildReport({
    checklist: SEED_CHECKLIST,
    results: [
      {
        checkId: 'acm-certificates',
        startedAt: '2026-11-26T10:00:00.000Z',
        durationMs: 1500,
        findings: [{ checkId: 'acm-certificates', rule: 'expiry', resource, status: 'FAIL', message }],
      },
    ],
    now: new Date('2026-11-26T10:00:00Z'),
    label: 'orders prod build-7',
    warnBlocks: false,
  });

describe('renderJunit', () => {
  describe('text from the account (resource names, messages) is data, never markup', () => {
    it('escapes markup and keeps the text as written', async () => {
      const hostile = 'cert</failure><testcase name="forged"/>&amp;]]>"\'';
      const [suite] = await expectValidJunit(renderJunit([reportWith(hostile, 'expires <soon> & "now"')]));
      expect(suite?.testcase?.map((c) => c.name)).not.toContain('forged');
      const failure = suite?.testcase?.find((c) => (c.failure ?? []).length > 0)?.failure?.[0];
      expect(failure?.inner).toContain(`expires <soon> & "now" (${hostile})`);
    });

    it('replaces characters XML cannot carry instead of writing a file no parser reads', async () => {
      const [suite] = await expectValidJunit(renderJunit([reportWith('bell\u0007cert', 'nul\u0000here')]));
      const failure = suite?.testcase?.find((c) => (c.failure ?? []).length > 0)?.failure?.[0];
      // The report escapes them as text (`\u0000`) before any renderer sees them.
      expect(failure?.inner).toContain('nul\\u0000here (bell\\u0007cert)');
    });
  });

  it("times a suite by its checks' durations, in seconds", async () => {
    const [suite] = await expectValidJunit(renderJunit([reportWith('shop', 'expires in 3 days')]));
    expect(suite?.time).toBe(1.5);
  });
});
