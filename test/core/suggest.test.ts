import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../../lambdas/core/suggest';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['alarm', 'alarms', 1],
    ['tests-pass', 'tests-passing', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });
});

describe('closestName', () => {
  const known = ['tests-passing', 'build-completed', 'images-scanned', 'alarms'];

  it.each([
    ['tests-pass', 'tests-passing'],
    ['Build-Completed', 'build-completed'],
    ['image-scanned', 'images-scanned'],
    ['alarm', 'alarms'],
    ['waf', undefined],
    ['completely-different', undefined],
  ])('%s → %s', (value, expected) => {
    expect(closestName(value, known)).toBe(expected);
  });

  it('phrases the suggestion for the end of a message, or says nothing', () => {
    expect(didYouMean('alarm', known)).toBe('; did you mean "alarms"?');
    expect(didYouMean('zzz', known)).toBe('');
  });
});
