import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateExpression, metricIdsOf } from '../../../lambdas/core/watch/expression';

describe('trigger expressions', () => {
  it.each([
    ['errors / requests', { errors: 5, requests: 100 }, 0.05],
    ['(a + b) * 100 / c', { a: 1, b: 3, c: 8 }, 50],
    ['a - b - c', { a: 10, b: 3, c: 2 }, 5],
    ['-a + 2e1', { a: 4 }, 16],
    ['  latency_p99 ', { latency_p99: 0.25 }, 0.25],
  ])('evaluates %s', (expression, values, expected) => {
    expect(evaluateExpression(expression, values)).toBeCloseTo(expected);
  });

  it('gives undefined when a metric it uses has no value, never a number', () => {
    expect(evaluateExpression('errors / requests', { errors: 3 })).toBeUndefined();
  });

  it('lists the metric ids it uses once each, in order', () => {
    expect(metricIdsOf('errors / (requests + errors) * 100')).toEqual(['errors', 'requests']);
  });

  it.each([
    ['', /empty/],
    ['errors /', /end of expression/],
    ['(a + b', /missing "\)"/],
    ['a b', /unexpected "b"/],
    ['Errors / requests', /not a metric id/],
    ['process.exit()', /unexpected/],
  ])('rejects %j', (expression, message) => {
    expect(() => metricIdsOf(expression)).toThrow(ExpressionError);
    expect(() => metricIdsOf(expression)).toThrow(message);
  });
});
