import { describe, expect, it } from 'vitest';
import { formatConfigProblem } from '../../lambdas/core/config/format';
import { MAX_HOME_REGIONS } from '../../lambdas/core/config/home-schema';
import { ConfigError, type ConfigProblem, validateConfig } from '../../lambdas/core/config/validate';

function problemsOf(raw: unknown) {
  try {
    validateConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('home: where Preflight is deployed', () => {
  it('is optional, and kept as written when given', () => {
    expect(validateConfig({}).home).toBeUndefined();
    expect(validateConfig({ home: { account: '111122223333', regions: ['eu-west-1'] } }).home).toEqual({
      account: '111122223333',
      regions: ['eu-west-1'],
    });
  });

  it.each([
    [
      { regions: ['eu-west-1'] },
      'home.account',
      /12-digit AWS account id the Preflight stack is deployed in/,
    ],
    [{ account: '1111', regions: ['eu-west-1'] }, 'home.account', /12-digit AWS account id/],
    [{ account: '111122223333' }, 'home.regions', /regions the Preflight stack is deployed in, e\.g\./],
    [{ account: '111122223333', regions: [] }, 'home.regions', /at least one region/],
    [{ account: '111122223333', regions: ['eu-west'] }, 'home.regions.[0]', /AWS region such as eu-west-1/],
    [{ account: '111122223333', regions: ['eu-west-1', 'eu-west-1'] }, 'home.regions', /each region once/],
    [
      {
        account: '111122223333',
        regions: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2'],
      },
      'home.regions',
      new RegExp(`at most ${MAX_HOME_REGIONS} regions`),
    ],
    [
      { account: '111122223333', regions: ['eu-west-1'], region: 'x' },
      'home.region',
      /home\.region: unknown key \(did you mean "regions"\?\)/,
    ],
  ])('refuses %j at %s', (home, key, expected) => {
    const problems = problemsOf({ home });
    expect(problems.map((p) => p.key)).toContain(key);
    const problem = problems.find((p) => p.key === key) as ConfigProblem;
    expect(formatConfigProblem(problem)).toMatch(expected);
  });
});
