import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * The URLs of the configuration (the webhook's endpoint, which receives the API key, and the docs
 * link every Security Hub finding carries) are judged as written. A URL parser drops tabs and line
 * breaks wherever they are, so a line break typed into a host or path named another endpoint than
 * the one written, without a word; a space or a NUL passed synthesis and failed only at deployment
 * (the API destination) or at the import (the finding's link).
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-urls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:preflight/webhook-AbCdEf';

function configWith(url: string): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      integrations: {
        securityHub: { enabled: true, docsUrl: url },
        webhook: { url, apiKeySecretArn: SECRET },
      },
    }),
  );
  return file;
}

describe('a URL in the configuration', () => {
  it.each([
    ['a line break inside the host', 'https://hooks.example.com\n.attacker.example/preflight', 'U+000A'],
    ['a tab inside the path', 'https://hooks.example.com/pre\tflight', 'U+0009'],
    ['a carriage return and a header', 'https://hooks.example.com/x\r\nX-Api-Key: 1', 'U+000D'],
    ['a NUL', 'https://hooks.example.com/\u0000x', 'U+0000'],
    ['a bidi override', 'https://hooks.example.com/\u202egnp.exe', 'U+202E'],
    ['a space', 'https://hooks.example.com/a b', 'U+0020'],
  ])(
    'with %s is refused as written, naming both keys and the character (exit 2)',
    async (_case, url, code) => {
      const run = await runCliInProcess(['services', '--config', configWith(url)]);

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      for (const key of ['integrations.securityHub.docsUrl', 'integrations.webhook.url']) {
        const line = run.stderr.split('\n').find((l) => l.startsWith(`  - ${key}: `));
        // The value is echoed escaped, on its one line.
        // A control or format character is refused wherever configuration text holds it; a space in a URL.
        expect(line).toMatch(/^ {2}- \S+: got "[^"]*"; expected (an https URL as )?plain text, without a/);
        expect(line).toContain(
          code === 'U+0020'
            ? `; expected an https URL as plain text, without a space, control or format character (${code})`
            : `; expected plain text, without a control or format character (${code}): reports, e-mails and logs show it`,
        );
      }
    },
  );

  it('longer than 2,048 characters is refused, naming its length (exit 2)', async () => {
    const run = await runCliInProcess([
      'services',
      '--config',
      configWith(`https://hooks.example.com/${'a'.repeat(2048)}`),
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^ {2}- integrations\.webhook\.url: got "https:\/\/hooks\.example\.com\/a+\.\.\." \(2074 characters\); expected an https URL of at most 2048 characters$/m,
    );
  });

  it('written plainly is taken as written', async () => {
    const run = await runCliInProcess([
      'services',
      '--config',
      configWith('https://hooks.example.com/preflight/v1?team=payments&x=%20'),
    ]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
