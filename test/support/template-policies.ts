import type { Template } from 'aws-cdk-lib/assertions';
import { TEST_ACCOUNT, TEST_REGION } from '../harness/asl';

/** A resource of a synthesized template, as JSON. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** One IAM policy statement, as written in a template. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

export function resources(template: Template): Record<string, CfnResource> {
  return (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
}

export function ofType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(resources(template)).filter(([, r]) => r.Type === type);
}

/** A property of a resource, which must be there. */
export function property<T>(resource: CfnResource | undefined, name: string): T {
  const value = resource?.Properties?.[name];
  if (value === undefined) throw new Error(`${resource?.Type ?? 'resource'} has no ${name}`);
  return value as T;
}

/** The statements of a policy document property (PolicyDocument, KeyPolicy, AssumeRolePolicyDocument). */
export function statementsIn(resource: CfnResource | undefined, name = 'PolicyDocument'): Statement[] {
  return property<{ Statement: Statement[] }>(resource, name).Statement;
}

export const actionsOf = (statement: Statement): string[] => [statement.Action ?? []].flat();

/** Every statement of the identity policies attached to a role: its inline policies and AWS::IAM::Policy. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const all = resources(template);
  const role = all[roleId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is not a role of the template`);
  const inline = (
    (role.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[]) ?? []
  ).flatMap((p) => p.PolicyDocument.Statement);
  const attached = Object.values(all)
    .filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        ((r.Properties?.Roles as { Ref?: string }[] | undefined) ?? []).some((ref) => ref.Ref === roleId),
    )
    .flatMap((r) => statementsIn(r));
  return [...inline, ...attached];
}

/** The sorted, distinct actions a role is allowed. */
export function allowedActions(template: Template, roleId: string): string[] {
  return [
    ...new Set(
      roleStatements(template, roleId)
        .filter((s) => s.Effect === 'Allow')
        .flatMap(actionsOf),
    ),
  ].sort();
}

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': TEST_REGION,
  'AWS::AccountId': TEST_ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * A template value with the pseudo parameters resolved (as in the test account and region) and
 * `Fn::Join` applied; a reference to a resource becomes `<logicalId>` or `<logicalId>.<attribute>`.
 */
export function resolved(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolved);
  if (value === null || typeof value !== 'object') return value;
  const expr = value as Record<string, unknown>;
  if ('Ref' in expr) return PSEUDO[String(expr.Ref)] ?? `<${String(expr.Ref)}>`;
  if ('Fn::GetAtt' in expr) return `<${(expr['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in expr) {
    const [separator, parts] = expr['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => String(resolved(part))).join(separator);
  }
  return Object.fromEntries(Object.entries(expr).map(([k, v]) => [k, resolved(v)]));
}

/** The service principals a statement names. */
export function servicePrincipals(statement: Statement): string[] {
  const principal = statement.Principal as { Service?: unknown } | undefined;
  return [principal?.Service ?? []].flat().map((s) => String(resolved(s)));
}
