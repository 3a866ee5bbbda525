import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HistoryIndexesContextError, HistoryTable } from '../../lib/history-table';
import { synthPreflight } from '../harness/synth';

function indexesWith(context: Record<string, unknown>): string[] {
  const stack = new Stack(new App({ context }), 'History');
  new HistoryTable(stack, 'History');
  const [table] = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table')) as Array<{
    Properties: { GlobalSecondaryIndexes: Array<{ IndexName: string }> };
  }>;
  return table?.Properties.GlobalSecondaryIndexes.map((i) => i.IndexName) ?? [];
}

describe('the history table', () => {
  it('has an index per query: quarter, service, environment, account', () => {
    expect(indexesWith({})).toEqual(['byQuarter', 'byService', 'byEnvironment', 'byAccount']);
  });

  it.each([
    ['0', ['byQuarter']],
    ['1', ['byQuarter', 'byService']],
    [2, ['byQuarter', 'byService', 'byEnvironment']],
  ])('reaches every index one deployment at a time (historyIndexes=%s)', (value, indexes) => {
    expect(indexesWith({ historyIndexes: value })).toEqual(indexes);
  });

  it.each(['4', '-1', '1.5', 'all', ''])('refuses historyIndexes=%j, saying what it counts', (value) => {
    expect(() => indexesWith({ historyIndexes: value })).toThrow(HistoryIndexesContextError);
    expect(() => indexesWith({ historyIndexes: value })).toThrow(
      /expected a whole number from 0 to 3: how many of byService, byEnvironment, byAccount to create \(CloudFormation adds one index per deployment\)/,
    );
  });
});

describe('the Preflight stack', () => {
  it('names the history table in an output, for preflight review and history export', () => {
    const { template } = synthPreflight();
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));

    template.hasOutput('HistoryTableName', {
      Description: Match.stringLikeRegexp('preflight review --table <this>'),
      Value: { Ref: tableId },
    });
  });
});
