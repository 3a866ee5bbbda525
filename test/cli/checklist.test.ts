import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import type { Checklist } from '../../lambdas/core/checklist/types';
import { runCli } from '../support/cli';

describe('preflight checklist', () => {
  it('prints every item with its section and how it is verified', async () => {
    const run = await runCli(['checklist']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Production deployment checklist 2\.1: 123 items/);
    for (const item of SEED_CHECKLIST.items) expect(run.stdout).toContain(item.id);
    expect(run.stdout).toMatch(
      /security\.ssl-certificates +SSL certificates valid and configured\n +-> automated check: acm-certificates, tls-endpoints/,
    );
    expect(run.stdout).toContain('Sign-off Requirements [sign-off]');
  });

  it('gives the same as data with --json', async () => {
    const run = await runCli(['checklist', '--json']);

    const checklist = JSON.parse(run.stdout) as Checklist;
    expect(checklist.version).toBe('2.1');
    expect(checklist.items).toHaveLength(SEED_CHECKLIST.items.length);
    expect(checklist.items.find((i) => i.id === 'infrastructure.database-backups')?.verification).toEqual({
      kind: 'check',
      checkIds: ['database-backups'],
    });
  });

  it('reflects the items a configuration adds and turns off', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-cli-'));
    const config = path.join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        checklist: {
          disabledItems: ['business.trading-volume'],
          items: [
            {
              id: 'security.waf-enabled',
              section: 'pre-deployment',
              group: 'Security & Compliance',
              title: 'WAF attached',
              verification: { kind: 'signoff', role: 'Security Engineer' },
            },
          ],
        },
      }),
    );
    const run = await runCli(['checklist', '--json', '--config', config]);

    const ids = (JSON.parse(run.stdout) as Checklist).items.map((i) => i.id);
    expect(ids).toContain('security.waf-enabled');
    expect(ids).not.toContain('business.trading-volume');
  });

  it('refuses an invalid configuration, naming the key, the value and what is expected (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-cli-'));
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ checklist: { disabledItems: ['no.such-item'] } }));
    const run = await runCli(['checklist', '--config', config]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Invalid Preflight configuration in ${config}`);
    expect(run.stderr).toContain(
      'checklist.disabledItems.[0]: got "no.such-item"; expected the id of a checklist item',
    );
  });

  it('refuses a TLS endpoint written as a URL or with a port in its host, naming the key (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-cli-'));
    const config = path.join(dir, 'bad.json');
    const endpoints = [
      { host: 'https://shop.example.com/health' },
      { host: 'shop.example.com:8443' },
      { host: 'shop.example.com', servername: '*.example.com' },
    ];
    writeFileSync(config, JSON.stringify({ checks: { 'tls-endpoints': { endpoints } } }));
    const run = await runCli(['checklist', '--config', config]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'checks.tls-endpoints.endpoints.[0].host: got "https://shop.example.com/health"; a URL is not a host',
    );
    expect(run.stderr).toContain(
      'checks.tls-endpoints.endpoints.[1].host: got "shop.example.com:8443"; a port goes in "port"',
    );
    expect(run.stderr).toContain(
      'checks.tls-endpoints.endpoints.[2].servername: got "*.example.com"; a wildcard is not a host',
    );
  });

  it('refuses TLS endpoints whose probes could outlast the check function, saying what to change (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-cli-'));
    const config = path.join(dir, 'slow.json');
    const endpoints = Array.from({ length: 41 }, (_, i) => ({ host: `api${i}.shop.internal` }));
    writeFileSync(config, JSON.stringify({ checks: { 'tls-endpoints': { endpoints, timeoutMs: 60_000 } } }));

    const run = await runCli(['checklist', '--config', config]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "checks.tls-endpoints.timeoutMs: got 60000; 41 endpoints probed 8 at a time with timeoutMs 60000 could take 360 s, beyond the check's 240 s",
    );
  });
});
