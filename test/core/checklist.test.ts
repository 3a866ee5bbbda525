import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeVerification, resolveChecklist } from '../../lambdas/core/checklist/resolve';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import { CHECKS } from '../../lambdas/core/checks/registry';
import { validateConfig } from '../../lambdas/core/config/validate';

/** Every line of the seed that states an item: checkboxes, numbered steps, and bullet metrics. */
function seedLines(): { heading: string; text: string }[] {
  const markdown = readFileSync(
    path.join(__dirname, '../../docs/production-deployment-checklist.md'),
    'utf8',
  );
  const lines: { heading: string; text: string }[] = [];
  let heading = '';
  for (const line of markdown.split('\n')) {
    const h = /^### (.+)$/.exec(line);
    if (h) heading = h[1] as string;
    const item = /^(?:- \[ \] |\d+\. |- )(.+)$/.exec(line);
    if (item && heading !== '') lines.push({ heading, text: (item[1] as string).replace(/\*\*/g, '') });
  }
  return lines;
}

describe('the seed checklist as data', () => {
  it('has one item for every item line of the seed, under the same heading and wording', () => {
    const lines = seedLines();
    expect(lines.length).toBeGreaterThan(100);
    const items = SEED_CHECKLIST.items.map((item) => `${item.group} | ${item.title}`);
    expect(items).toEqual(lines.map((line) => `${line.heading} | ${line.text}`));
  });

  it('gives every item a unique id of the form group.slug', () => {
    const ids = SEED_CHECKLIST.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/);
  });

  it('keeps the ids that reports and history already use', () => {
    const ids = SEED_CHECKLIST.items.map((item) => item.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'security.ssl-certificates',
        'security.secrets-encrypted',
        'security.api-keys-rotated',
        'infrastructure.database-backups',
        'infrastructure.monitoring-alerting',
        'trigger.error-rate',
        'signoff-technical.security-engineer',
        'final.deployment-window',
      ]),
    );
  });

  it('maps every automated item to checks that exist', () => {
    for (const item of SEED_CHECKLIST.items) {
      if (item.verification.kind !== 'check') continue;
      for (const checkId of item.verification.checkIds) expect(Object.keys(CHECKS)).toContain(checkId);
    }
  });

  it('verifies every check through at least one item', () => {
    const used = SEED_CHECKLIST.items.flatMap((item) =>
      item.verification.kind === 'check' ? item.verification.checkIds : [],
    );
    for (const checkId of Object.keys(CHECKS)) expect(used).toContain(checkId);
  });

  it.each([
    ['security.ssl-certificates', 'automated check: acm-certificates, tls-endpoints'],
    ['application.tests-passing', 'pipeline attestation: tests-passing'],
    ['signoff-business.risk-management', 'sign-off: Risk Management'],
    ['trigger.response-time', 'rollback trigger: latency'],
    ['post-24h.performance-trend', 'scheduled follow-up: 24h after deployment'],
    ['degradation.identify', 'informational'],
    ['final.deployment-window', 'judged by the gate: deployment window (gate.window)'],
    ['phase1.pre-deployment-backup', 'judged by the gate: on-demand backup (gate.preDeploymentBackup)'],
  ])('describes how %s is verified', (id, expected) => {
    const item = SEED_CHECKLIST.items.find((i) => i.id === id);
    expect(item && describeVerification(item)).toBe(expected);
  });
});

describe('resolveChecklist', () => {
  it('drops the items the configuration turns off', () => {
    const checklist = resolveChecklist(
      validateConfig({ checklist: { disabledItems: ['business.trading-volume'] } }),
    );
    expect(checklist.items.map((i) => i.id)).not.toContain('business.trading-volume');
    expect(checklist.items).toHaveLength(SEED_CHECKLIST.items.length - 1);
  });

  it('adds custom items at the end of their section, marked custom', () => {
    const config = validateConfig({
      checklist: {
        items: [
          {
            id: 'security.waf-enabled',
            section: 'pre-deployment',
            group: 'Security & Compliance',
            title: 'WAF attached to the public load balancer',
            verification: { kind: 'attestation', key: 'waf' },
          },
        ],
      },
    });
    const ids = resolveChecklist(config).items.map((i) => i.id);
    const index = ids.indexOf('security.waf-enabled');
    expect(ids[index - 1]).toBe('application.api-compatibility');
    expect(ids[index + 1]).toBe('phase1.pre-deployment-backup');
    expect(resolveChecklist(config).items[index]?.custom).toBe(true);
  });
});
