import type { DoraMetrics } from './dora';
import { coveredUntil, skippedLeadTimesNote } from './render';
import { percent, type QuarterlyReview } from './review';

/*
 * The quarterly review as one self-contained HTML page: inline SVG charts, an inline style sheet,
 * no scripts, no external resources (a Content-Security-Policy says so to the browser too), every
 * piece of text from the history escaped. Service names, item ids and trigger ids come from whoever
 * wrote the history, so they are text and nothing else: never markup, never an attribute's end.
 */

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
const e = escapeHtml;

/** No script, no network, no images, no frames, no forms: inline styles only. */
export const REVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };
const plotW = WIDTH - PAD.left - PAD.right;
const plotH = HEIGHT - PAD.top - PAD.bottom;
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

const num = (n: number) => String(Math.round(n * 100) / 100);

function axes(yMax: number, yFormat: (n: number) => string): string {
  const ticks = [0, 0.5, 1].map((f) => {
    const y = PAD.top + plotH - f * plotH;
    return `<line x1="${PAD.left}" y1="${num(y)}" x2="${WIDTH - PAD.right}" y2="${num(y)}" class="grid"/><text x="${PAD.left - 6}" y="${num(y + 4)}" text-anchor="end">${e(yFormat(f * yMax))}</text>`;
  });
  return ticks.join('');
}

function xLabels(labels: readonly string[], xOf: (i: number) => number): string {
  // At most about 14 labels fit; thin them out beyond that.
  const step = Math.max(1, Math.ceil(labels.length / 14));
  return labels
    .map((label, i) =>
      i % step === 0
        ? `<text x="${num(xOf(i))}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${e(label)}</text>`
        : '',
    )
    .join('');
}

function svg(title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img"><title>${e(title)}</title>${body}</svg>`;
}

interface Series {
  readonly name: string;
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/** Bars for one series per x label. */
function barChart(title: string, labels: readonly string[], series: Series): string {
  const max = Math.max(1, ...series.values.map((v) => v ?? 0));
  const slot = plotW / Math.max(1, labels.length);
  const xOf = (i: number) => PAD.left + slot * (i + 0.5);
  const bars = series.values
    .map((v, i) => {
      const h = ((v ?? 0) / max) * plotH;
      return `<rect data-series="${e(series.name)}" data-x="${e(labels[i] ?? '')}" data-value="${v ?? ''}" x="${num(xOf(i) - slot * 0.35)}" y="${num(PAD.top + plotH - h)}" width="${num(slot * 0.7)}" height="${num(h)}" fill="${COLORS[0]}"/>`;
    })
    .join('');
  return svg(title, `${axes(max, (n) => num(n))}${bars}${xLabels(labels, xOf)}`);
}

/** Lines (one per series) over x labels; a null value breaks the line. */
function lineChart(
  title: string,
  labels: readonly string[],
  series: readonly Series[],
  yMax: number,
  yFormat: (n: number) => string,
): string {
  const max = Math.max(yMax, 1e-9);
  const xOf = (i: number) => PAD.left + (labels.length <= 1 ? plotW / 2 : (plotW * i) / (labels.length - 1));
  const yOf = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const lines = series
    .map((s, k) => {
      const color = COLORS[k % COLORS.length];
      const points = s.values
        .map((v, i) => (v === null ? undefined : `${num(xOf(i))},${num(yOf(v))}`))
        .filter((p) => p !== undefined)
        .join(' ');
      const dots = s.values
        .map((v, i) =>
          v === null
            ? ''
            : `<circle data-series="${e(s.name)}" data-x="${e(labels[i] ?? '')}" data-value="${num(v)}" cx="${num(xOf(i))}" cy="${num(yOf(v))}" r="3" fill="${color}"/>`,
        )
        .join('');
      return `<polyline data-series="${e(s.name)}" points="${points}" fill="none" stroke="${color}" stroke-width="2"/>${dots}`;
    })
    .join('');
  const legend = series
    .map(
      (s, k) =>
        `<text x="${PAD.left + 8 + k * 180}" y="${PAD.top + 12}" fill="${COLORS[k % COLORS.length]}">${e(s.label)}</text>`,
    )
    .join('');
  return svg(title, `${axes(max, yFormat)}${lines}${legend}${xLabels(labels, xOf)}`);
}

/** Horizontal bars, one per labelled row, as a share (0-1). */
function shareBars(
  title: string,
  name: string,
  rows: readonly { label: string; value: number; note: string }[],
) {
  const rowH = 22;
  const labelW = 260;
  const height = PAD.top + rows.length * rowH + 8;
  const barW = WIDTH - labelW - PAD.right - 60;
  const body = rows
    .map((r, i) => {
      const y = PAD.top + i * rowH;
      return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${e(r.label)}</text><rect data-series="${e(name)}" data-x="${e(r.label)}" data-value="${num(r.value)}" x="${labelW}" y="${y + 3}" width="${num(Math.max(0, Math.min(1, r.value)) * barW)}" height="${rowH - 6}" fill="${COLORS[1]}"/><text x="${num(labelW + Math.min(1, r.value) * barW + 6)}" y="${y + 15}">${e(r.note)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img"><title>${e(title)}</title>${body}</svg>`;
}

const minutes = (m: number | null) =>
  m === null ? 'n/a' : m < 120 ? `${Math.round(m)} min` : `${Math.round((m / 60) * 10) / 10} h`;

function doraRow(label: string, account: string, region: string, m: DoraMetrics): string {
  const cells = [
    label,
    account,
    region,
    String(m.deployments),
    String(m.perWeek),
    percent(m.successRate),
    percent(m.changeFailureRate),
    minutes(m.medianTimeToRestoreMinutes),
    minutes(m.medianLeadTimeMinutes),
  ];
  return `<tr>${cells.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#111}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}
svg text{font-size:11px;fill:#333}svg .grid{stroke:#e5e7eb}h2{margin-top:2em}`;

/** The review as a self-contained HTML page, stored beside the Markdown and printed by `preflight review --format html`. */
export function renderReviewHtml(review: QuarterlyReview): string {
  const weeks = review.weekly.map((w) => w.from.slice(5));
  const items = [...review.effectiveness.items]
    .filter((i) => i.evaluated > 0)
    .map((i) => ({ ...i, rate: (i.failed + i.errored) / i.evaluated }))
    .sort((a, b) => b.rate - a.rate || a.itemId.localeCompare(b.itemId));
  const sweeps = review.triggerSweeps.map((s) => {
    const max = Math.max(1, ...s.rows.flatMap((r) => [r.caughtBad, r.falseAlarms]));
    return `<h3>${e(s.triggerId)}</h3><p>${s.watches} watch(es), ${s.rolledBack} rolled back; suggested ${e(num(s.suggestedMultiplier))}x its threshold.</p>${lineChart(
      `Trigger ${s.triggerId} at multiples of its threshold`,
      s.rows.map((r) => `${num(r.multiplier)}x`),
      [
        { name: 'caught-bad', label: 'bad releases caught', values: s.rows.map((r) => r.caughtBad) },
        {
          name: 'false-alarms',
          label: 'healthy releases rolled back',
          values: s.rows.map((r) => r.falseAlarms),
        },
      ],
      max,
      (n) => num(n),
    )}`;
  });
  const body = [
    `<h1>Preflight checklist review ${e(review.quarter)}</h1>`,
    `<p>${e(review.from.slice(0, 10))} to ${e(coveredUntil(review))}, ${review.events} recorded events.</p>`,
    '<h2>What to change</h2>',
    `<ul>${(review.recommendations.length > 0 ? review.recommendations : ['Nothing stands out.']).map((r) => `<li>${e(r)}</li>`).join('')}</ul>`,
    '<h2>Deployments per week</h2>',
    barChart('Deployments per week', weeks, {
      name: 'deployments',
      label: 'deployments',
      values: review.weekly.map((w) => w.deployments),
    }),
    '<h2>Change failure rate per week</h2>',
    lineChart(
      'Change failure rate per week',
      weeks,
      [
        {
          name: 'change-failure-rate',
          label: 'change failure rate',
          values: review.weekly.map((w) => w.changeFailureRate),
        },
      ],
      Math.max(0.25, ...review.weekly.map((w) => w.changeFailureRate ?? 0)),
      (n) => percent(n),
    ),
    '<h2>Deployment metrics (DORA)</h2>',
    '<table><thead><tr><th>service and environment</th><th>account</th><th>region</th><th>deployments</th><th>per week</th><th>success rate</th><th>change failure rate</th><th>time to restore (median)</th><th>lead time (median)</th></tr></thead><tbody>',
    doraRow('all', 'every account', 'every region', review.overall),
    ...review.byService.map((s) =>
      doraRow(`${s.service} ${s.environment}`, s.accounts.join(', '), s.regions.join(', '), s.metrics),
    ),
    '</tbody></table>',
    ...(skippedLeadTimesNote(review) === null ? [] : [`<p>${e(skippedLeadTimesNote(review) ?? '')}</p>`]),
    '<h2>Checklist items by failure rate</h2>',
    items.length === 0
      ? '<p>No item was evaluated this quarter.</p>'
      : shareBars(
          'Checklist items by failure rate (failed or errored ÷ evaluated)',
          'item-failure-rate',
          items.map((i) => ({
            label: i.itemId,
            value: i.rate,
            note: `${percent(i.rate)} of ${i.evaluated}`,
          })),
        ),
    '<h2>Trigger thresholds, replayed</h2>',
    ...(sweeps.length === 0 ? ['<p>No watch recorded its readings this quarter.</p>'] : sweeps),
    ...(review.triggersNotReplayed.length === 0
      ? []
      : [
          `<ul>${review.triggersNotReplayed.map((t) => `<li>${e(t.triggerId)}: ${t.watches} watch(es) not replayed: ${e(t.reason)}.</li>`).join('')}</ul>`,
        ]),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(REVIEW_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Preflight checklist review ${e(review.quarter)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
