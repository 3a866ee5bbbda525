import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseS3Uri, roleSlug, S3ReportStore } from '../../lambdas/aws/report-store';
import { stubS3 } from '../support/s3-stub';

const s3 = stubS3();

describe('S3ReportStore', () => {
  beforeEach(() => s3.install());

  it('reads back what it wrote, and nothing for a key never written', async () => {
    const store = new S3ReportStore('reports');
    expect(await store.putJson('runs/r/report.json', { verdict: 'PASS' })).toBe(
      's3://reports/runs/r/report.json',
    );
    expect(await store.getJson('runs/r/report.json')).toEqual({ verdict: 'PASS' });
    expect(await store.getJson('runs/missing.json')).toBeUndefined();
  });

  it('writes only the first of two conditional writes to the same key', async () => {
    const store = new S3ReportStore('reports');
    expect(await store.putJsonIfAbsent('watches/d/abort.json', { by: 'first' })).toBe('written');
    expect(await store.putJsonIfAbsent('watches/d/abort.json', { by: 'second' })).toBe('exists');
    expect(await store.getJson('watches/d/abort.json')).toEqual({ by: 'first' });
    expect(s3.mock).toHaveReceivedCommandWith(PutObjectCommand, { IfNoneMatch: '*' });
  });
});

describe('keys and locations', () => {
  it.each([
    ['Security Engineer', 'security-engineer'],
    ['  Database Administrator ', 'database-administrator'],
    ['Trading Operations (EU)', 'trading-operations-eu'],
  ])('slugs the role %j as %s', (role, slug) => {
    expect(roleSlug(role)).toBe(slug);
  });

  it('parses s3:// locations and refuses anything else', () => {
    expect(parseS3Uri('s3://reports/runs/r/report.json')).toEqual({
      bucket: 'reports',
      key: 'runs/r/report.json',
    });
    expect(() => parseS3Uri('https://example.com/x')).toThrow(/Not an s3:\/\/ location/);
  });
});
