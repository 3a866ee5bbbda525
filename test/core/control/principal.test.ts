import { describe, expect, it } from 'vitest';
import {
  PrincipalPatternOrEveryoneSchema,
  PrincipalPatternSchema,
} from '../../../lambdas/core/config/principal-pattern';
import {
  callerFromIam,
  matchesPattern,
  normalizePrincipal,
  UnauthenticatedError,
} from '../../../lambdas/core/control/principal';

const ACCOUNT = '111122223333';
const caller = (arn: string) => callerFromIam({ userArn: arn, accountId: ACCOUNT });

describe('normalizePrincipal', () => {
  it.each([
    [`arn:aws:sts::${ACCOUNT}:assumed-role/Approvers/ana`, `arn:aws:iam::${ACCOUNT}:role/Approvers`],
    [
      `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin_0123/ana@example.com`,
      `arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_Admin_0123`,
    ],
    [
      `arn:aws-us-gov:sts::${ACCOUNT}:assumed-role/Approvers/ana`,
      `arn:aws-us-gov:iam::${ACCOUNT}:role/Approvers`,
    ],
    [`arn:aws:iam::${ACCOUNT}:role/team/Approvers`, `arn:aws:iam::${ACCOUNT}:role/Approvers`],
    [`arn:aws:iam::${ACCOUNT}:user/ops/bob`, `arn:aws:iam::${ACCOUNT}:user/bob`],
    [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:root`],
    [`arn:aws:sts::${ACCOUNT}:federated-user/carol`, `arn:aws:sts::${ACCOUNT}:federated-user/carol`],
  ])('%s authorizes as %s', (arn, principal) => {
    expect(normalizePrincipal(arn)).toBe(principal);
  });
});

describe('callerFromIam', () => {
  it('records the session and authorizes as its role', () => {
    expect(caller(`arn:aws:sts::${ACCOUNT}:assumed-role/Approvers/ana`)).toEqual({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Approvers/ana`,
      principal: `arn:aws:iam::${ACCOUNT}:role/Approvers`,
      accountId: ACCOUNT,
    });
  });

  it.each([[undefined], [{}], [{ userArn: '' }], [{ userArn: 'ana' }]])(
    'refuses a request without an authenticated identity (%j)',
    (iam) => {
      expect(() => callerFromIam(iam)).toThrow(UnauthenticatedError);
    },
  );
});

describe('matchesPattern', () => {
  const session = caller(`arn:aws:sts::${ACCOUNT}:assumed-role/SecurityApprovers/ana`);
  it.each([
    [`arn:aws:iam::${ACCOUNT}:role/SecurityApprovers`, true],
    [`arn:aws:iam::${ACCOUNT}:role/team/SecurityApprovers`, true],
    [`arn:aws:iam::${ACCOUNT}:role/Security*`, true],
    [`arn:aws:iam::*:role/SecurityApprovers`, true],
    [`arn:aws:sts::${ACCOUNT}:assumed-role/SecurityApprovers/ana`, true],
    [`arn:aws:sts::${ACCOUNT}:assumed-role/SecurityApprovers/*`, true],
    [`arn:aws:sts::${ACCOUNT}:assumed-role/SecurityApprovers/bo`, false],
    [`arn:aws:iam::${ACCOUNT}:role/ProductApprovers`, false],
    [`arn:aws:iam::999988887777:role/SecurityApprovers`, false],
    [`arn:aws:iam::${ACCOUNT}:role/SecurityApprover`, false],
    [`arn:aws:iam::${ACCOUNT}:user/SecurityApprovers`, false],
    [`arn:aws:iam::${ACCOUNT}:root`, false],
    ['*', true],
  ])('%s lets the session act: %s', (pattern, expected) => {
    expect(matchesPattern(session, pattern)).toBe(expected);
  });

  it('never lets * cross a segment: a role pattern does not match a longer role path or another account', () => {
    expect(
      matchesPattern(caller(`arn:aws:iam::${ACCOUNT}:user/ops/bob`), `arn:aws:iam::${ACCOUNT}:user/*`),
    ).toBe(true);
    expect(
      matchesPattern(caller(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/x`), `arn:aws:iam::1111*:role/Dev`),
    ).toBe(true);
    expect(matchesPattern(caller(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/x`), 'arn:aws:iam::*')).toBe(
      false,
    );
  });

  it('treats regular-expression characters in a pattern literally', () => {
    expect(
      matchesPattern(
        caller(`arn:aws:sts::${ACCOUNT}:assumed-role/ReleaseXManagers/x`),
        `arn:aws:iam::${ACCOUNT}:role/Release.Managers`,
      ),
    ).toBe(false);
  });
});

describe('principal patterns in the configuration', () => {
  it.each([
    [`arn:aws:iam::${ACCOUNT}:role/Approvers`],
    [`arn:aws:iam::${ACCOUNT}:role/team/Approvers`],
    [`arn:aws:iam::*:role/Approvers-*`],
    [`arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Approvers_0123/*`],
    [`arn:aws:iam::${ACCOUNT}:root`],
  ])('accepts %s', (pattern) => {
    expect(PrincipalPatternSchema.safeParse(pattern).success).toBe(true);
  });

  it.each([
    ['*', /IAM principal ARN pattern/],
    ['Approvers', /IAM principal ARN pattern/],
    [`arn:aws:s3:::bucket`, /IAM principal ARN pattern/],
    [`arn:aws:iam::${ACCOUNT}:role/team/*`, /no path before a wildcard name/],
  ])('refuses %s for approvers and overriders', (pattern, message) => {
    const parsed = PrincipalPatternSchema.safeParse(pattern);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
  });

  it('accepts * (everyone IAM lets invoke the URL) only where "everyone" is allowed', () => {
    expect(PrincipalPatternOrEveryoneSchema.safeParse('*').success).toBe(true);
    expect(PrincipalPatternSchema.safeParse('*').success).toBe(false);
  });
});
