import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECK_DOC_PAGES,
  type CheckDocPages,
  docPageOf,
  EMPTY_MEMORY,
  planImport,
  readMemory,
  scopePrefix,
} from '../../lambdas/aws/security-hub/asff';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import { CATALOGUE_IDS } from '../../lambdas/core/checks/catalogue';
import { ChecksSettingsSchema } from '../../lambdas/core/config/schema';
import { buildReport } from '../../lambdas/core/report/build';
import type { AuditReport } from '../../lambdas/core/report/model';

/*
 * The pure side of the Security Hub import: the memory read back from the bucket is trusted only as
 * far as it checks out, and every check's remediation link names a docs page that describes it.
 */

const PRODUCT = 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default';
const PREFIX = scopePrefix('orders-api', 'prod', '123456789012');

function stored(id: string, change: Record<string, unknown> = {}) {
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: PRODUCT,
    GeneratorId: 'preflight/acm-certificates/expiry',
    AwsAccountId: '123456789012',
    CreatedAt: '2026-11-01T00:00:00.000Z',
    UpdatedAt: '2026-11-01T00:00:00.000Z',
    Title: 't',
    Description: 'd',
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards/Preflight acm-certificates'],
    Resources: [{ Type: 'Other', Id: 'arn:aws:acm:us-east-1:123456789012:certificate/a' }],
    ...change,
  };
}

describe('readMemory', () => {
  const expected = { prefix: PREFIX, productArn: PRODUCT, account: '123456789012' };

  it('keeps the findings of this service, environment, account and product, keyed by their own ids', () => {
    const id = `${PREFIX}us-east-1/acm-certificates/expiry/abc`;
    const { memory, rejected } = readMemory({ version: 1, findings: { [id]: stored(id) } }, expected);
    expect(Object.keys(memory.findings)).toEqual([id]);
    expect(rejected).toEqual([]);
  });

  it.each([
    ['another service', `${scopePrefix('payments', 'prod', '123456789012')}us-east-1/x/y/z`, {}],
    ['a key that is not its id', `${PREFIX}us-east-1/a/b/c`, { Id: `${PREFIX}us-east-1/a/b/d` }],
    ['another product', `${PREFIX}us-east-1/a/b/c`, { ProductArn: PRODUCT.replace('/default', '/other') }],
    ['another account', `${PREFIX}us-east-1/a/b/c`, { AwsAccountId: '210987654321' }],
    ['no resources', `${PREFIX}us-east-1/a/b/c`, { Resources: [] }],
  ])('drops a finding of %s (it is then neither resolved nor archived)', (_, id, change) => {
    const { memory, rejected } = readMemory({ version: 1, findings: { [id]: stored(id, change) } }, expected);
    expect(memory.findings).toEqual({});
    expect(rejected).toEqual([id]);
  });

  it('reads anything else as no memory at all', () => {
    expect(readMemory(['not', 'a', 'memory'], expected).memory.findings).toEqual({});
    expect(readMemory(undefined, expected)).toEqual({ memory: { version: 1, findings: {} }, rejected: [] });
  });
});

describe('CHECK_DOC_PAGES', () => {
  it('has a page for exactly the catalogue’s checks: a missing or extra one does not compile', () => {
    const { tracing: _tracing, ...withoutTracing } = CHECK_DOC_PAGES;
    // @ts-expect-error a check of the catalogue without a page
    const missing: CheckDocPages = withoutTracing;
    // @ts-expect-error a page for no check of the catalogue
    const extra: CheckDocPages = { ...CHECK_DOC_PAGES, 'no-such-check': 'checks/tracing.md' };
    // @ts-expect-error a page outside docs/checks/ (or not markdown)
    const elsewhere: CheckDocPages = { ...CHECK_DOC_PAGES, tracing: '../README' };

    expect(Object.keys(CHECK_DOC_PAGES).sort()).toEqual([...CATALOGUE_IDS].sort());
    expect([missing, extra, elsewhere].map((pages) => Object.keys(pages).length)).toEqual([
      CATALOGUE_IDS.length - 1,
      CATALOGUE_IDS.length + 1,
      CATALOGUE_IDS.length,
    ]);
  });
});

describe('docPageOf', () => {
  it.each(Object.keys(ChecksSettingsSchema.shape))('links %s to a docs page that describes it', (checkId) => {
    const page = path.join(__dirname, '..', '..', 'docs', docPageOf(checkId));
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain(checkId);
  });
});

describe('planImport of a muted finding', () => {
  const NOW = new Date('2026-11-27T10:00:00Z');
  const context = {
    productArn: PRODUCT,
    account: '123456789012',
    region: 'us-east-1',
    partition: 'aws',
    runId: 'run-1',
    reportLocation: 's3://reports/runs/run-1/report.json',
  };
  const failing = buildReport({
    checklist: SEED_CHECKLIST,
    results: [
      {
        checkId: 'acm-certificates',
        startedAt: NOW.toISOString(),
        durationMs: 5,
        findings: [
          {
            checkId: 'acm-certificates',
            rule: 'renewal',
            resource: 'arn:aws:acm:us-east-1:123456789012:certificate/a',
            status: 'FAIL',
            message: 'ACM could not renew www.example.com.',
            remediation: 'Fix the CAA record.',
          },
        ],
      },
    ],
    now: NOW,
    label: 'test account',
    warnBlocks: false,
  });
  const muted: AuditReport = {
    ...failing,
    findings: failing.findings.map((f) => ({
      ...f,
      status: 'MUTED' as const,
      mute: {
        status: 'FAIL' as const,
        resource: f.resource,
        reason: 'Replaced in CHG-1234',
        until: '2026-12-30',
      },
    })),
  };

  it('keeps it open at the lowest severity with its mute, never sent as passed or archived', () => {
    const earlier = planImport(failing, EMPTY_MEMORY, context);
    const [sent] = earlier.findings;
    if (sent?.Id === undefined) throw new Error('the failing finding was not planned');
    const plan = planImport(muted, { version: 1, findings: { [sent.Id]: sent } }, context);
    expect(plan.findings).toHaveLength(1);
    expect(plan.findings[0]).toMatchObject({
      Id: sent.Id,
      RecordState: 'ACTIVE',
      Severity: { Label: 'INFORMATIONAL', Original: 'MUTED' },
      Compliance: { Status: 'WARNING' },
      ProductFields: { 'preflight/status': 'MUTED', 'preflight/mutedUntil': '2026-12-30' },
    });
    expect(plan.closing.size).toBe(0);
  });
});
