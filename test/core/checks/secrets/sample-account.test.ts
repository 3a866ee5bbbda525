import { describe, expect, it } from 'vitest';
import { secretChecks } from '../../../../lambdas/core/checks/secrets/definitions';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../../lambdas/core/config/schema';
import type { Finding } from '../../../../lambdas/core/findings';
import { sampleSecretsPorts } from '../../../../lambdas/sample/secrets';
import { NOW } from './fixtures';

const SETTINGS = ConfigSchema.parse({}).checks;
const account = { secrets: sampleSecretsPorts(NOW) } as unknown as AccountPorts;

/** `name rule → status` lines, the resource shortened to its last path segment(s). */
function story(findings: Finding[], shorten: (resource: string) => string): string[] {
  return findings.map((f) => `${shorten(f.resource)} ${f.rule} → ${f.status}`);
}
const secretName = (arn: string) => arn.split(':secret:')[1]?.replace(/-\w{6}$/, '') ?? arn;

describe('the sample account through the secret checks', () => {
  it('tells the rotation story: one healthy, one never rotated, one stuck, one exempt', async () => {
    const findings = await secretChecks['secrets-rotation'].run(account, SETTINGS['secrets-rotation'], NOW);
    expect(story(findings, secretName)).toEqual([
      'prod/orders/db rotation-enabled → PASS',
      'prod/orders/db rotation-age → PASS',
      'prod/orders/db last-rotation → PASS',
      'prod/orders/db next-rotation → PASS',
      'prod/payments/stripe-api-key rotation-enabled → FAIL',
      'prod/payments/stripe-api-key rotation-age → FAIL',
      'prod/payments/stripe-api-key last-rotation → PASS',
      'prod/legacy/ftp rotation-enabled → PASS',
      'prod/legacy/ftp rotation-age → FAIL',
      'prod/legacy/ftp last-rotation → FAIL',
      'prod/legacy/ftp next-rotation → FAIL',
      'prod/partner/webhook-signing exemption → SKIPPED',
    ]);
  });

  it('fails only the secret on the AWS managed key; the customer managed key is enabled', async () => {
    const findings = await secretChecks['secrets-encryption'].run(
      account,
      SETTINGS['secrets-encryption'],
      NOW,
    );
    expect(story(findings, secretName)).toEqual([
      'prod/orders/db kms-key → PASS',
      'prod/orders/db key-state → PASS',
      'prod/payments/stripe-api-key kms-key → FAIL',
      'prod/legacy/ftp kms-key → PASS',
      'prod/legacy/ftp key-state → PASS',
      'prod/partner/webhook-signing kms-key → PASS',
      'prod/partner/webhook-signing key-state → PASS',
    ]);
  });

  it('reports only the sensitive-looking parameters', async () => {
    const findings = await secretChecks['ssm-secure-parameters'].run(
      account,
      SETTINGS['ssm-secure-parameters'],
      NOW,
    );
    expect(story(findings, (arn) => arn.split(':parameter')[1] ?? arn)).toEqual([
      '/prod/orders/db-password secure-string → FAIL',
      '/prod/orders/api-token secure-string → PASS',
    ]);
  });

  it('shows a root user without keys, an old key, an idle key, a fresh key, an inactive key and a denied user', async () => {
    const findings = await secretChecks['iam-access-keys'].run(account, SETTINGS['iam-access-keys'], NOW);
    expect(story(findings, (arn) => arn.split(':user/')[1] ?? arn)).toEqual([
      'arn:aws:iam::111122223333:root root-keys → PASS',
      'ci-deployer/access-key/AKIAQ3EXAMPLECIDEPLY key-age → FAIL',
      'ci-deployer/access-key/AKIAQ3EXAMPLECIDEPLY key-last-used → PASS',
      'reporting/access-key/AKIAQ3EXAMPLEREPORTS key-age → PASS',
      'reporting/access-key/AKIAQ3EXAMPLEREPORTS key-last-used → WARN',
      'ops-admin/access-key/AKIAQ3EXAMPLEOPSNEW1 key-age → PASS',
      'ops-admin/access-key/AKIAQ3EXAMPLEOPSNEW1 key-last-used → PASS',
      'ops-admin/access-key/AKIAQ3EXAMPLEOPSOLD1 key-status → SKIPPED',
      'break-glass list-access-keys → ERROR',
    ]);
    expect(findings.at(-1)?.remediation).toBe('Allow iam:ListAccessKeys for the role Preflight runs as.');
  });
});
