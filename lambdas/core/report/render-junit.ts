import { XMLBuilder } from 'fast-xml-parser';
import type { AuditReport, ItemResult } from './model';
import { actionableFindings, formatCounts, muteNote, regionTag, ruleOf } from './render-text';

/*
 * JUnit XML for CI test reports (Jenkins, GitLab, Azure Pipelines, GitHub test reporters): one test
 * suite per audited service and environment, one test case per checklist item. An item that blocks
 * the verdict is a failure, or an error when its checks could not tell; an item none of whose
 * checks ran is skipped. The findings and their fixes are the failure's text. An item whose worst
 * finding is MUTED is skipped with the mutes' reasons and expiry: neither passed nor failed.
 */

type Node = Record<string, unknown>;

// Characters XML 1.0 cannot carry at all (a control character in a resource name): U+FFFD instead,
// so that the file stays readable by every parser.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (text: string) => text.replace(NOT_XML, '\uFFFD');

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  format: true,
  suppressEmptyNode: true,
});

function describeItem(report: AuditReport, item: ItemResult): string {
  return actionableFindings(report, item)
    .map(
      (f) =>
        `${f.status} ${ruleOf(f)}${regionTag(f)}: ${f.message} (${f.resource})${f.mute === undefined ? '' : `\n  ${muteNote(f.mute)}`}${f.remediation ? `\n  fix: ${f.remediation}` : ''}`,
    )
    .join('\n');
}

function caseOf(report: AuditReport, item: ItemResult, suiteName: string): Node {
  const testcase: Node = {
    '@classname': xmlText(`${suiteName}.${item.section}`),
    '@name': xmlText(`${item.id}: ${item.title}`),
  };
  const text = xmlText(describeItem(report, item));
  if (item.status === 'NOT_RUN') {
    testcase.skipped = { '@message': 'none of the checks of this item ran' };
  } else if (item.status === 'MUTED') {
    const mutes = actionableFindings(report, item).flatMap((f) =>
      f.mute === undefined ? [] : [muteNote(f.mute)],
    );
    testcase.skipped = { '@message': xmlText(`MUTED: ${[...new Set(mutes)].join('; ')}`), '#text': text };
  } else if (report.blockingItems.includes(item.id)) {
    testcase[item.status === 'ERROR' ? 'error' : 'failure'] = {
      '@type': item.status,
      '@message': `${item.status}: ${formatCounts(item.counts)}`,
      '#text': text,
    };
  } else if (text !== '') {
    // WARN findings that do not block: shown, not failed.
    testcase['system-out'] = text;
  }
  return testcase;
}

function suiteOf(report: AuditReport): Node {
  const name = xmlText(`preflight.${report.target.service}.${report.target.environment}`);
  const cases = report.items;
  const blocking = new Set(report.blockingItems);
  const seconds = report.checks.reduce((sum, c) => sum + c.durationMs, 0) / 1000;
  return {
    '@name': name,
    '@tests': cases.length,
    '@failures': cases.filter((i) => blocking.has(i.id) && i.status !== 'ERROR').length,
    '@errors': cases.filter((i) => blocking.has(i.id) && i.status === 'ERROR').length,
    '@skipped': cases.filter((i) => i.status === 'NOT_RUN' || i.status === 'MUTED').length,
    '@time': seconds.toFixed(3),
    '@timestamp': report.generatedAt,
    properties: {
      property: [
        { '@name': 'verdict', '@value': report.verdict },
        { '@name': 'label', '@value': xmlText(report.label) },
        { '@name': 'checklistVersion', '@value': report.checklistVersion },
      ],
    },
    testcase: cases.map((item) => caseOf(report, item, name)),
  };
}

/** The reports as one JUnit XML document, one test suite per report. */
export function renderJunit(reports: readonly AuditReport[]): string {
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    testsuites: { '@name': 'preflight', testsuite: reports.map(suiteOf) },
  }) as string;
}
