import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_CONFIG } from '../../lambdas/sample/organization';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * The configuration's text reaches every report, e-mail, step summary and log: a mute's reason under
 * each finding it mutes, a custom item's title in the checklist, a sign-off role in the gate. A line
 * break there forged a line of its own (`PASS  acm-certificates/renewal …` under a muted FAIL), an
 * escape sequence rewrote the reader's terminal, a bidi override made it read other than it is. Text
 * in the configuration (values and keys) is plain, else synthesis and the CLI stop, naming the key.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-plain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const FORGED = '\n        PASS  acm-certificates/renewal [eu-west-1]: renewed';
const MUTE = {
  check: 'acm-certificates',
  resource: 'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-*',
  reason: 'Replaced in CHG-1234.',
  until: day(30),
};

function configFile(config: unknown): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const item = (title: string) => ({
  id: 'ops.runbook-linked',
  section: 'post-deployment',
  group: 'ops',
  title,
  verification: { kind: 'informational' },
});

describe('text in the configuration', () => {
  it.each([
    [
      'a mute reason forging a PASS line',
      { mutes: [{ ...MUTE, reason: `Accepted.${FORGED}` }] },
      'mutes.[0].reason',
      'U+000A',
    ],
    [
      'a mute reason clearing the terminal',
      { mutes: [{ ...MUTE, reason: 'ok\u001b[2J' }] },
      'mutes.[0].reason',
      'U+001B',
    ],
    [
      'a mute resource with a line break',
      { mutes: [{ ...MUTE, resource: `${MUTE.resource}${FORGED}` }] },
      'mutes.[0].resource',
      'U+000A',
    ],
    [
      'a custom item title with a bidi override',
      { checklist: { items: [item('Runbook \u202edeknil')] } },
      'checklist.items.[0].title',
      'U+202E',
    ],
    [
      'a custom item note with a line separator',
      { checklist: { items: [{ ...item('Runbook'), note: 'a\u2028[PASS] b' }] } },
      'checklist.items.[0].note',
      'U+2028',
    ],
    [
      'a tag key of a service with a NUL',
      {
        services: {
          ...SAMPLE_CONFIG.services,
          payments: {
            ...SAMPLE_CONFIG.services?.payments,
            resources: { tags: { 'team\u0000': 'payments' } },
          },
        },
      },
      'services.payments.resources.tags.team\\u0000',
      'U+0000',
    ],
  ])('refuses %s, naming the key and the character (exit 2)', async (_case, part, key, code) => {
    const run = await runCliInProcess([
      'audit',
      '--sample',
      '--config',
      configFile({ ...SAMPLE_CONFIG, ...part }),
    ]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`  - ${key}: got `);
    expect(run.stderr).toContain(
      `; expected plain text, without a control or format character (${code})${key.endsWith('team\\u0000') ? ' in a key' : ''}: reports, e-mails and logs show it`,
    );
    expect(run.stderr).not.toMatch(/\n {8}PASS/);
  });

  it('takes plain text in any script, emoji included', async () => {
    const run = await runCliInProcess([
      'audit',
      '--sample',
      '--service',
      'payments',
      '--env',
      'prod',
      '--exit-zero',
      '--config',
      configFile({ ...SAMPLE_CONFIG, mutes: [{ ...MUTE, reason: 'Ersetzt – 替换 – ✅ CHG-1234.' }] }),
    ]);

    expect(run.stderr).not.toContain('Invalid Preflight configuration');
    expect(run.stdout).toContain('Ersetzt – 替换 – ✅ CHG-1234.');
  });
});
