import { describe, expect, it } from 'vitest';
import type { CheckScopeKind } from '../../../lambdas/core/checks/types';
import {
  collectingUnreadable,
  setAside,
  type UnreadableResource,
  unreadableFindings,
} from '../../../lambdas/core/checks/unreadable-resources';
import { AwsCallError } from '../../../lambdas/core/errors';
import { serviceScope, WHOLE_ACCOUNT } from '../../../lambdas/core/scope/check-scope';

const SECRET = (name: string) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}`;
const malformed = new AwsCallError(
  'secretsmanager:ListSecrets',
  'malformed-response',
  'MalformedDate',
  'SecretListEntry.LastRotatedDate is not a date (got "soon")',
);
const unreadable = (arn: string | undefined, names: string[] = []): UnreadableResource => ({
  resource: arn ?? names[0] ?? 'secretsmanager:ListSecrets item 2',
  identity: { ...(arn === undefined ? {} : { arn }), names },
  error: malformed,
});

const SECRETS: CheckScopeKind = { kind: 'resources', types: ['secretsmanager:secret'] };
const FUNCTIONS: CheckScopeKind = { kind: 'resources', types: ['lambda:function'] };
const ordersScope = serviceScope(
  'orders',
  { tags: { service: 'orders' }, stacks: [], arns: [], names: ['orders/legacy'] },
  {
    resources: [{ arn: SECRET('orders/db'), why: [{ by: 'tags', tags: { service: 'orders' } }] }],
    missingStacks: [],
  },
);

describe('unreadableFindings: which set-aside resources a check reports', () => {
  it.each([
    {
      what: 'any, for the whole account',
      item: unreadable(SECRET('theirs/db')),
      kind: SECRETS,
      whole: true,
      reported: true,
    },
    {
      what: "the service's own, by tag",
      item: unreadable(SECRET('orders/db')),
      kind: SECRETS,
      whole: false,
      reported: true,
    },
    {
      what: "the service's own, by name",
      item: unreadable(undefined, ['orders/legacy']),
      kind: SECRETS,
      whole: false,
      reported: true,
    },
    {
      what: "another service's, of a kind the check selects by scope",
      item: unreadable(SECRET('theirs/db')),
      kind: SECRETS,
      whole: false,
      reported: false,
    },
    {
      what: 'one that says nothing of who it is (it may be the service’s)',
      item: unreadable(undefined),
      kind: SECRETS,
      whole: false,
      reported: true,
    },
    {
      what: 'one the check only looks up (a secret for a function check)',
      item: unreadable(SECRET('theirs/db')),
      kind: FUNCTIONS,
      whole: false,
      reported: true,
    },
    {
      what: 'one named only by a name outside the scope, kind unknown',
      item: unreadable(undefined, ['theirs']),
      kind: SECRETS,
      whole: false,
      reported: true,
    },
  ])('$what: reported $reported', ({ item, kind, whole, reported }) => {
    const findings = unreadableFindings(
      'secrets-rotation',
      [item],
      kind,
      whole ? WHOLE_ACCOUNT : ordersScope,
    );
    expect(findings).toEqual(
      reported
        ? [
            {
              checkId: 'secrets-rotation',
              rule: 'read',
              resource: item.resource,
              status: 'ERROR',
              message: `Could not evaluate: ${malformed.message}`,
              remediation: 'Investigate the secretsmanager:ListSecrets failure and run again.',
              evidence: { code: 'MalformedDate' },
            },
          ]
        : [],
    );
  });

  it("records the service's own unreadable resource in the scope's evidence, as judged", () => {
    const scope = serviceScope(
      'orders',
      { tags: { service: 'orders' }, stacks: [], arns: [], names: [] },
      {
        resources: [{ arn: SECRET('orders/db'), why: [{ by: 'tags', tags: { service: 'orders' } }] }],
        missingStacks: [],
      },
    );
    unreadableFindings('secrets-rotation', [unreadable(SECRET('orders/db'))], SECRETS, scope);
    expect(scope.evidence().resources).toEqual([
      { arn: SECRET('orders/db'), why: [{ by: 'tags', tags: { service: 'orders' } }] },
    ]);
    expect(scope.evidence().unmatched).toEqual([]);
  });

  it('reports a resource set aside twice for the same reason once', () => {
    const item = unreadable(SECRET('orders/db'));
    expect(unreadableFindings('secrets-rotation', [item, item], SECRETS, WHOLE_ACCOUNT)).toHaveLength(1);
  });
});

describe('collectingUnreadable', () => {
  it('gives each concurrent run only what its own reads set aside', async () => {
    const read = async (name: string) => {
      await new Promise((resolve) => setTimeout(resolve, name === 'a' ? 5 : 0));
      expect(setAside(unreadable(SECRET(name)))).toBe(true);
      return name;
    };
    const [a, b] = await Promise.all([
      collectingUnreadable(() => read('a')),
      collectingUnreadable(() => read('b')),
    ]);
    expect(a.unreadable.map((u) => u.resource)).toEqual([SECRET('a')]);
    expect(b.unreadable.map((u) => u.resource)).toEqual([SECRET('b')]);
  });

  it('collects nothing outside a check run: the caller must fail the whole read', () => {
    expect(setAside(unreadable(SECRET('a')))).toBe(false);
  });
});
