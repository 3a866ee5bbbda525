import { XMLParser } from 'fast-xml-parser';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import type { CheckResult } from '../../../lambdas/core/findings';
import { buildReport } from '../../../lambdas/core/report/build';
import { renderJunit } from '../../../lambdas/core/report/render-junit';
import { renderMarkdown } from '../../../lambdas/core/report/render-markdown';
import { renderSarif } from '../../../lambdas/core/report/render-sarif';
import { renderText } from '../../../lambdas/core/report/render-text';

/* A muted finding is shown everywhere a report goes, with its reason and expiry: never as a pass. */

const NOW = new Date('2026-11-30T10:00:00Z');
const CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f';
const REASON = 'Replaced in CHG-1234 | detached on 1 Dec.';
const results: CheckResult[] = [
  {
    checkId: 'acm-certificates',
    startedAt: NOW.toISOString(),
    durationMs: 1,
    findings: [
      {
        checkId: 'acm-certificates',
        rule: 'renewal',
        resource: CERT,
        status: 'FAIL',
        message: 'ACM could not renew it.',
      },
    ],
  },
];
const report = buildReport({
  checklist: SEED_CHECKLIST,
  results,
  now: NOW,
  label: 'payments prod',
  warnBlocks: false,
  mutes: [{ check: 'acm-certificates', resource: CERT, reason: REASON, until: '2026-12-30' }],
});
const item = report.items.find((i) => i.checkIds.includes('acm-certificates'));

describe('a muted finding in every output', () => {
  it('JSON: the finding says MUTED and carries its mute; the item is MUTED; nothing counts it as PASS', () => {
    const json = JSON.parse(JSON.stringify(report));
    expect(json.findings[0]).toMatchObject({
      status: 'MUTED',
      mute: { status: 'FAIL', reason: REASON, until: '2026-12-30' },
    });
    expect(item?.status).toBe('MUTED');
    expect(json.counts).toMatchObject({ PASS: 0, MUTED: 1 });
  });

  it('text: MUTED with the reason and the expiry, and in the counts', () => {
    const text = renderText(report);
    expect(text).toContain(`[MUTED] ${item?.id}`);
    expect(text).toContain('MUTED acm-certificates/renewal: ACM could not renew it.');
    expect(text).toContain(`muted until 2026-12-30 (was FAIL): ${REASON}`);
    expect(text).toContain('0 PASS, 0 WARN, 0 FAIL, 0 ERROR, 1 MUTED, 0 SKIPPED');
    expect(text).not.toMatch(/1 passing/);
  });

  it('Markdown: the item and the finding are MUTED, with the reason', () => {
    const md = renderMarkdown(report);
    expect(md).toContain(`| 🔕 MUTED | \`${item?.id}\``);
    expect(md).toContain('| MUTED | acm-certificates/renewal |');
    expect(md).toContain('muted until 2026-12-30 (was FAIL): Replaced in CHG-1234 \\| detached on 1 Dec.');
  });

  it('SARIF: a result with an accepted external suppression giving the reason and expiry', () => {
    const log = JSON.parse(renderSarif([report], { toolVersion: '1.0.0' })) as Log;
    const [result] = log.runs[0]?.results ?? [];
    expect(result?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: `${REASON} (muted until 2026-12-30, was FAIL)` },
    ]);
    expect(result?.properties).toMatchObject({ status: 'MUTED' });
    expect(result?.level).toBe('error');
  });

  it('JUnit: the item is skipped with the reason, neither passed nor failed', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(
      renderJunit([report]),
    );
    const suite = xml.testsuites.testsuite;
    const cases = Array.isArray(suite.testcase) ? suite.testcase : [suite.testcase];
    const muted = cases.find((c: { '@name': string }) => c['@name'].startsWith(`${item?.id}:`));
    expect(muted.skipped['@message']).toBe(`MUTED: muted until 2026-12-30 (was FAIL): ${REASON}`);
    expect(muted.failure).toBeUndefined();
    const notRun = report.items.filter((i) => i.status === 'NOT_RUN').length;
    expect(suite['@skipped']).toBe(String(notRun + 1));
    expect(suite['@failures']).toBe('0');
  });
});
