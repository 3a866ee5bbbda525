import { describe, expect, it } from 'vitest';
import { MetricCsvError, parseMetricCsv, parseTimestamp } from '../../../lambdas/core/watch/csv';

describe('parseTimestamp', () => {
  it.each([
    ['2014-04-10 00:04:00', Date.UTC(2014, 3, 10, 0, 4)],
    ['2014-04-10T00:04:00Z', Date.UTC(2014, 3, 10, 0, 4)],
    ['2014-04-10T00:04:00', Date.UTC(2014, 3, 10, 0, 4)],
    ['2014-04-10T02:04:00+02:00', Date.UTC(2014, 3, 10, 0, 4)],
    ['2014-04-09T19:04:00.500-0500', Date.UTC(2014, 3, 10, 0, 4, 0, 500)],
    ['2014-04-10T00:04Z', Date.UTC(2014, 3, 10, 0, 4)],
  ])('reads %s as UTC', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each(['2014-02-30 00:00:00', '2014-04-10 24:00:00', '10/04/2014 00:04', 'yesterday', ''])(
    'rejects %j',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );
});

describe('parseMetricCsv', () => {
  it('reads datapoints in file order, duplicates included, skipping blank lines and CRLF', () => {
    const text = '\uFEFFtimestamp,value\r\n2014-04-10 00:04:00,94.0\r\n\r\n2014-04-10 00:04:00,95\r\n';
    expect(parseMetricCsv(text, 'requests.csv')).toEqual([
      { timestamp: Date.UTC(2014, 3, 10, 0, 4), value: 94 },
      { timestamp: Date.UTC(2014, 3, 10, 0, 4), value: 95 },
    ]);
  });

  it.each([
    ['time,value\n', /requests\.csv:1: expected the header "timestamp,value"/],
    [
      'timestamp,value\n2014-04-10 00:04:00,1\nnot-a-time,2\n',
      /requests\.csv:3: unreadable timestamp "not-a-time"/,
    ],
    ['timestamp,value\n2014-04-10 00:04:00,abc\n', /requests\.csv:2: unreadable value "abc"/],
    ['timestamp,value\n2014-04-10 00:04:00,\n', /requests\.csv:2: unreadable value ""/],
    ['timestamp,value\n2014-04-10 00:04:00,1,2\n', /requests\.csv:2: expected 2 fields/],
  ])('rejects bad input naming file and line: %j', (text, message) => {
    expect(() => parseMetricCsv(text, 'requests.csv')).toThrow(MetricCsvError);
    expect(() => parseMetricCsv(text, 'requests.csv')).toThrow(message);
  });
});
