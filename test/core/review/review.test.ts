import { describe, expect, it } from 'vitest';
import { quarterOf, quarterRange } from '../../../lambdas/core/history/events';
import { deploymentsFrom } from '../../../lambdas/core/review/deployments';
import { doraMetrics } from '../../../lambdas/core/review/dora';
import { checklistEffectiveness } from '../../../lambdas/core/review/effectiveness';
import { renderReviewMarkdown, reviewSms } from '../../../lambdas/core/review/render';
import {
  buildQuarterlyReview,
  PREFLIGHT_ACCOUNT_LABEL,
  PREFLIGHT_REGION_LABEL,
  previousQuarter,
} from '../../../lambdas/core/review/review';
import { ACCOUNT_A, ACCOUNT_B, badQuarter, deployment, organizationQuarter } from './fixtures';

const NOW = new Date('2027-01-04T09:00:00Z');

describe('DORA metrics', () => {
  const records = deploymentsFrom(badQuarter());
  const metrics = doraMetrics(records, 92);

  it('counts failed deployments, not incidents: 2 of 10 rolled back is 20%, even with 3 incidents', () => {
    expect(metrics.deployments).toBe(10);
    expect(metrics.failures).toBe(2);
    expect(metrics.changeFailureRate).toBe(0.2);
    expect(records.reduce((n, r) => n + r.incidents, 0)).toBe(3);
  });

  it('computes success rate, frequency, time to restore and lead time', () => {
    expect(metrics.successRate).toBe(0.7);
    expect(metrics.perWeek).toBe(0.76);
    // Both rollbacks completed 15 minutes after the decision at 10:35.
    expect(metrics.medianTimeToRestoreMinutes).toBe(15);
    // Lead times 60, 120, 30 minutes from commit to the watch's start (5 minutes after the gate).
    expect(metrics.medianLeadTimeMinutes).toBe(65);
  });

  it('restores by the next passing deployment when no rollback completed', () => {
    const events = [
      ...deployment({ id: 'a', day: 1, decision: 'ROLLBACK', trigger: 'latency' }),
      ...deployment({ id: 'b', day: 2, decision: 'PROCEED' }),
    ];
    expect(doraMetrics(deploymentsFrom(events), 92).medianTimeToRestoreMinutes).toBe(24 * 60);
  });

  it('has no rates for a quarter without deployments', () => {
    expect(doraMetrics([], 92)).toMatchObject({ deployments: 0, changeFailureRate: null, successRate: null });
  });
});

describe('checklist effectiveness', () => {
  const effectiveness = checklistEffectiveness(badQuarter());

  it('finds the item that was warning before rollbacks', () => {
    expect(effectiveness.incidentPatterns).toEqual([
      { itemId: 'infrastructure.database-backups', rollbacks: 2, onlyWarned: true },
    ]);
  });

  it('lists items that never failed or warned, and counts the triggers that fired', () => {
    expect(effectiveness.neverFailed).toEqual(['application.tests-passing', 'security.ssl-certificates']);
    expect(effectiveness.triggersFired).toEqual({ 'error-rate': 1, latency: 1 });
  });
});

describe('the advice of the review', () => {
  /** A gate with these item statuses, then a watch that decided ROLLBACK within the hour. */
  const rolledBack = (id: string, day: number, items: Record<string, string>) =>
    deployment({ id, day, decision: 'ROLLBACK', trigger: 'error-rate', incidents: 1 }).map((event) =>
      event.kind === 'gate' ? { ...event, items: { ...event.items, ...items } } : event,
    );
  const quarters = {
    'a warning before rollbacks': badQuarter(),
    'a failure before a rollback': [
      ...deployment({ id: 'f1', day: 1, decision: 'PROCEED' }),
      ...rolledBack('f2', 2, { 'security.ssl-certificates': 'FAIL' }),
    ],
    'an error and a warning of one item before two rollbacks': [
      ...rolledBack('m1', 3, { 'application.tests-passing': 'WARN' }),
      ...rolledBack('m2', 5, { 'application.tests-passing': 'ERROR' }),
    ],
  };

  it.each(Object.entries(quarters))(
    'never both lists an item under "never failed" and tells it to block the gate (%s)',
    (_name, events) => {
      const review = buildQuarterlyReview('2026Q4', events, NOW);
      const toBlock = review.recommendations.filter((r) => r.includes('make it block the gate'));
      for (const itemId of review.effectiveness.neverFailed) {
        expect(toBlock.filter((r) => r.startsWith(`${itemId} `))).toEqual([]);
      }
      for (const pattern of review.effectiveness.incidentPatterns) {
        expect(review.effectiveness.neverFailed).not.toContain(pattern.itemId);
      }
    },
  );

  it('asks to block an item that only warned before rollbacks', () => {
    const review = buildQuarterlyReview('2026Q4', badQuarter(), NOW);
    expect(review.recommendations).toContain(
      'infrastructure.database-backups warned within 24 h before 2 rollback(s), and a warning does not block: make it block the gate (fail it, or set gate.warnBlocks).',
    );
  });

  it('does not ask to block an item that already blocked: it asks how the deployment got past it', () => {
    const review = buildQuarterlyReview('2026Q4', quarters['a failure before a rollback'], NOW);
    expect(review.recommendations).toContain(
      'security.ssl-certificates failed or errored within 24 h before 1 rollback(s), yet it already blocks the gate: find out how those deployments went out past it.',
    );
    expect(review.recommendations.filter((r) => r.includes('make it block the gate'))).toEqual([]);
  });

  it('treats an item that errored before one rollback and warned before another as blocking', () => {
    const review = buildQuarterlyReview(
      '2026Q4',
      quarters['an error and a warning of one item before two rollbacks'],
      NOW,
    );
    expect(review.effectiveness.incidentPatterns).toContainEqual({
      itemId: 'application.tests-passing',
      rollbacks: 2,
      onlyWarned: false,
    });
  });
});

describe('the quarterly review', () => {
  it('reviews a bad quarter with concrete recommendations', () => {
    const review = buildQuarterlyReview('2026Q4', badQuarter(), NOW);
    expect(review.overall.changeFailureRate).toBe(0.2);
    expect(review.byService.map((s) => `${s.service} ${s.environment} ${s.metrics.deployments}`)).toEqual([
      'orders prod 9',
      'payments prod 1',
    ]);
    expect(review.recommendations[0]).toBe(
      'Change failure rate is 20%, above the 15% that high performers keep under.',
    );
    const markdown = renderReviewMarkdown(review);
    expect(markdown).toContain('# Preflight checklist review 2026Q4');
    expect(markdown).toContain(
      '| all | every account | every region | 10 | 0.76 | 70% | 20% | 15 min | 65 min |',
    );
    expect(markdown).toContain(
      '`infrastructure.database-backups` was warning within 24 h before 2 rollback(s).',
    );
  });

  it('reviews a quiet quarter', () => {
    const quiet = [...deployment({ id: 'q1', day: 3, decision: 'PROCEED' })];
    const review = buildQuarterlyReview('2026Q4', quiet, NOW);
    expect(review.overall).toMatchObject({ deployments: 1, changeFailureRate: 0 });
    expect(renderReviewMarkdown(review)).toContain('- No trigger fired.');
  });

  it('reviews an empty quarter, saying what to check', () => {
    const review = buildQuarterlyReview('2026Q3', badQuarter(), NOW);
    expect(review.events).toBe(0);
    expect(review.recommendations).toEqual([
      'No deployments were recorded this quarter: check that pipelines call the gate and the watch.',
    ]);
    expect(renderReviewMarkdown(review)).toContain(
      '| all | every account | every region | 0 | 0 | n/a | n/a | n/a | n/a |',
    );
  });

  it('points to the stored review in one SMS', () => {
    const sms = reviewSms(
      buildQuarterlyReview('2026Q4', badQuarter(), NOW),
      's3://reports/reviews/2026Q4/review.md',
    );
    expect(sms).toBe('Preflight review 2026Q4: 10 deploys, CFR 20%. s3://reports/reviews/2026Q4/review.md');
  });
});

describe('the review across accounts and regions', () => {
  it('groups by service and environment, showing the accounts and regions each ran in', () => {
    const review = buildQuarterlyReview('2026Q4', organizationQuarter(), NOW);

    expect(
      review.byService.map((s) => ({
        scope: `${s.service} ${s.environment}`,
        accounts: s.accounts,
        regions: s.regions,
        deployments: s.metrics.deployments,
        changeFailureRate: s.metrics.changeFailureRate,
      })),
    ).toEqual([
      {
        scope: 'orders-api prod',
        accounts: [ACCOUNT_A],
        regions: ['eu-west-1', 'us-east-1'],
        deployments: 3,
        changeFailureRate: 1 / 3,
      },
      {
        scope: 'payments prod',
        accounts: [ACCOUNT_B],
        regions: ['eu-west-1'],
        deployments: 1,
        changeFailureRate: 0,
      },
      {
        scope: 'payments staging',
        accounts: [PREFLIGHT_ACCOUNT_LABEL],
        regions: [PREFLIGHT_REGION_LABEL],
        deployments: 1,
        changeFailureRate: 0,
      },
    ]);
    expect(review.overall.deployments).toBe(5);
  });

  it("shows events that name no account or region as Preflight's own, when it is known", () => {
    const review = buildQuarterlyReview('2026Q4', organizationQuarter(), NOW, {
      account: '999999999999',
      region: 'eu-central-1',
    });
    const staging = review.byService.find((s) => s.environment === 'staging');
    expect(staging).toMatchObject({ accounts: ['999999999999'], regions: ['eu-central-1'] });

    const markdown = renderReviewMarkdown(review);
    expect(markdown).toContain(
      `| orders-api prod | ${ACCOUNT_A} | eu-west-1, us-east-1 | 3 | 0.23 | 66.7% | 33.3% | 15 min | 65 min |`,
    );
    expect(markdown).toContain('| payments staging | 999999999999 | eu-central-1 | 1 |');
  });
});

describe('quarters', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026Q1', '2025Q4'],
    ['2026-11-27T12:00:00Z', '2026Q4', '2026Q3'],
    ['2027-01-04T09:00:00Z', '2027Q1', '2026Q4'],
  ])('%s is in %s and reviews %s', (at, quarter, previous) => {
    expect(quarterOf(at)).toBe(quarter);
    expect(previousQuarter(new Date(at))).toBe(previous);
  });

  it('rejects a quarter that is not one', () => {
    expect(() => quarterRange('2026Q5')).toThrow(/expected a quarter such as 2026Q4/);
  });
});
