import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docPageOf, readMemory, scopePrefix } from '../../lambdas/aws/security-hub/asff';
import { ChecksSettingsSchema } from '../../lambdas/core/config/schema';

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

describe('docPageOf', () => {
  it.each(Object.keys(ChecksSettingsSchema.shape))('links %s to a docs page that describes it', (checkId) => {
    const page = path.join(__dirname, '..', '..', 'docs', docPageOf(checkId));
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain(checkId);
  });
});
