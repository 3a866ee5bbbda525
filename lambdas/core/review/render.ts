import type { DoraMetrics } from './dora';
import { percent, type QuarterlyReview } from './review';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const minutes = (m: number | null) =>
  m === null ? 'n/a' : m < 120 ? `${Math.round(m)} min` : `${Math.round((m / 60) * 10) / 10} h`;

function doraRow(label: string, account: string, region: string, m: DoraMetrics): string {
  return `| ${label} | ${account} | ${region} | ${m.deployments} | ${m.perWeek} | ${percent(m.successRate)} | ${percent(m.changeFailureRate)} | ${minutes(m.medianTimeToRestoreMinutes)} | ${minutes(m.medianLeadTimeMinutes)} |`;
}

/** How many gate runs judged `itemId`: "never failed" in one run is not "never failed" in a hundred. */
function runs(e: QuarterlyReview['effectiveness'], itemId: string): string {
  const n = e.items.find((i) => i.itemId === itemId)?.evaluated ?? 0;
  return n === 1 ? '1 run' : `${n} runs`;
}

/** What the review says about lead times left out, or `null` when none was. */
export function skippedLeadTimesNote(review: QuarterlyReview): string | null {
  const skipped = review.overall.skippedLeadTimes;
  return skipped === 0
    ? null
    : `Lead time leaves out ${skipped} deployment(s) whose recorded commit time is after the deployment (a negative lead time is no measurement).`;
}

/** Where the review's time ends: the quarter's end, or today while the quarter is under way. */
export function coveredUntil(review: QuarterlyReview): string {
  // Reviews stored before `through` was recorded covered the whole quarter.
  const through = review.through ?? review.to;
  return through < review.to
    ? `${through.slice(0, 10)} so far (the quarter ends ${review.to.slice(0, 10)})`
    : `${review.to.slice(0, 10)} (exclusive)`;
}

/** The review as Markdown: stored with the run, emailed, and printed by `preflight review --format markdown`. */
export function renderReviewMarkdown(review: QuarterlyReview): string {
  const e = review.effectiveness;
  const lines = [
    `# Preflight checklist review ${review.quarter}`,
    '',
    `${review.from.slice(0, 10)} to ${coveredUntil(review)}, ${review.events} recorded events.`,
    '',
    '## What to change',
    '',
    ...(review.recommendations.length > 0
      ? review.recommendations.map((r) => `- ${r}`)
      : ['- Nothing stands out.']),
    '',
    '## Deployment metrics (DORA)',
    '',
    '| service and environment | account | region | deployments | per week | success rate | change failure rate | time to restore (median) | lead time (median) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    doraRow('all', 'every account', 'every region', review.overall),
    ...review.byService.map((s) =>
      doraRow(`${s.service} ${s.environment}`, s.accounts.join(', '), s.regions.join(', '), s.metrics),
    ),
    ...(skippedLeadTimesNote(review) === null ? [] : ['', skippedLeadTimesNote(review) as string]),
    '',
    '## Checklist items',
    '',
    '| item | evaluated | failed | errored | warned | overridden |',
    '| --- | --- | --- | --- | --- | --- |',
    ...e.items.map(
      (i) =>
        `| \`${i.itemId}\` | ${i.evaluated} | ${i.failed} | ${i.errored} | ${i.warned} | ${i.overridden} |`,
    ),
    '',
    `Never failed or warned (simplify or automate further): ${e.neverFailed.map((id) => `\`${id}\` (${runs(e, id)})`).join(', ') || 'none'}.`,
    '',
    `Fail often (fix upstream): ${e.failsOften.map((id) => `\`${id}\``).join(', ') || 'none'}.`,
    '',
    '## Incident patterns',
    '',
    ...(e.incidentPatterns.length > 0
      ? e.incidentPatterns.map(
          (p) =>
            `- \`${p.itemId}\` was ${p.onlyWarned ? 'warning' : 'failing or erroring'} within 24 h before ${p.rollbacks} rollback(s).`,
        )
      : ['- No rollback was preceded by a failing or warning item.']),
    '',
    '## Rollback triggers',
    '',
    ...(Object.keys(e.triggersFired).length > 0
      ? Object.entries(e.triggersFired).map(([t, n]) => `- \`${t}\` decided ${n} rollback(s).`)
      : ['- No trigger fired.']),
    '',
    '## Mutes',
    '',
    ...(review.mutes.length === 0
      ? ['No gate muted a finding this quarter.']
      : [
          '| check | resource | reason | until | lived | gates |',
          '| --- | --- | --- | --- | --- | --- |',
          ...review.mutes.map(
            (m) =>
              `| \`${m.check}\` | ${cell(m.resource)} | ${cell(m.reason)} | ${m.until} | ${m.daysLived} days (since ${m.since ?? m.firstMuted.slice(0, 10)}) | ${m.gates} |`,
          ),
        ]),
    '',
    '## Trigger thresholds, replayed',
    '',
    ...(review.triggerSweeps.length === 0
      ? [
          review.triggersNotReplayed.length === 0
            ? 'No watch recorded its readings this quarter.'
            : 'No watch recorded readings the sweep can replay this quarter.',
        ]
      : [
          "Each trigger replayed over the quarter's recorded watches at multiples of its threshold (the static value or k x baseline; its floor and the worsening limit of an already breaching baseline stay, as in a watch configured with that threshold): bad releases caught / healthy releases it would have rolled back.",
          '',
          `| trigger | watches | ${review.triggerSweeps[0]?.rows.map((r) => `${r.multiplier}x`).join(' | ')} | suggested |`,
          `| --- | --- | ${review.triggerSweeps[0]?.rows.map(() => '---').join(' | ')} | --- |`,
          ...review.triggerSweeps.map(
            (s) =>
              `| \`${s.triggerId}\` | ${s.watches} (${s.rolledBack} rolled back) | ${s.rows.map((r) => `${r.caughtBad} / ${r.falseAlarms}`).join(' | ')} | ${s.suggestedMultiplier}x |`,
          ),
        ]),
    ...notReplayedLines(review),
    '',
  ];
  return lines.join('\n');
}

/** The triggers the sweep leaves out, each with why: the sweep replays only what the watch's record lets it judge as the watch did. */
function notReplayedLines(review: QuarterlyReview): string[] {
  if (review.triggersNotReplayed.length === 0) return [];
  return [
    '',
    ...review.triggersNotReplayed.map(
      (t) => `- \`${t.triggerId}\`: ${t.watches} watch(es) not replayed: ${t.reason}.`,
    ),
  ];
}

/** A short SMS pointer to the stored review. */
export function reviewSms(review: QuarterlyReview, location: string): string {
  const text = `Preflight review ${review.quarter}: ${review.overall.deployments} deploys, CFR ${percent(review.overall.changeFailureRate)}. ${location}`;
  return text.length > 160 ? `${text.slice(0, 159)}~` : text;
}
