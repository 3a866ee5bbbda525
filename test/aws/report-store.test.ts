import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseS3Uri, S3ReportStore } from '../../lambdas/aws/report-store';
import { roleSlug } from '../../lambdas/core/gate/signoff-role';
import { stubS3 } from '../support/s3-stub';

const s3 = stubS3();

afterAll(() => {
  s3.mock.restore();
});

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

describe('S3ReportStore.getText', () => {
  beforeEach(() => s3.install());

  it('returns the raw text, whatever its form, with when S3 stored it', async () => {
    const store = new S3ReportStore('reports');
    s3.objects.set('reports/watches/d/abort.json', 'not json at all');
    s3.lastModified.set('reports/watches/d/abort.json', new Date('2026-11-26T10:04:30Z'));

    expect(await store.getText('watches/d/abort.json')).toEqual({
      text: 'not json at all',
      truncated: false,
      lastModified: new Date('2026-11-26T10:04:30Z'),
    });
  });

  it('reads an empty object as empty text, and a missing one as nothing', async () => {
    const store = new S3ReportStore('reports');
    s3.objects.set('reports/watches/d/abort.json', '');

    expect(await store.getText('watches/d/abort.json')).toMatchObject({ text: '', truncated: false });
    expect(await store.getText('watches/other/abort.json')).toBeUndefined();
  });

  it('does not read an object larger than it takes, and says so', async () => {
    const store = new S3ReportStore('reports');
    s3.objects.set('reports/watches/d/abort.json', 'x'.repeat(2000));

    expect(await store.getText('watches/d/abort.json', 1000)).toMatchObject({ text: '', truncated: true });
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
