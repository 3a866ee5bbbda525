import { explainError } from '../../errors';
import type { Finding } from '../../findings';

/** What a rule decides about a resource; the builder adds the check, the rule and the resource. */
export type FindingFields = Omit<Finding, 'checkId' | 'rule' | 'resource'>;

/** Builds the findings of one check: `(rule, resource, fields)`, the rule names typed per check. */
export type FindingBuilder<Rule extends string> = (
  rule: Rule,
  resource: string,
  fields: FindingFields,
) => Finding;

/**
 * The one way a check makes findings: every finding of `checkId` goes through the builder it
 * returns, so the check id is written once and a rule name outside `Rule` does not compile.
 */
export function findingBuilder<Rule extends string>(checkId: string): FindingBuilder<Rule> {
  return (rule, resource, fields) => ({ checkId, rule, resource, ...fields });
}

/**
 * The ERROR finding for a read that failed: the explained message (the call, the code, the IAM
 * action to grant), its fix, and the failure's code in the evidence beside `evidence`.
 */
export function errorFinding<Rule extends string>(
  build: FindingBuilder<Rule>,
  rule: Rule,
  resource: string,
  error: unknown,
  evidence: Readonly<Record<string, unknown>> = {},
  context = '',
): Finding {
  const explained = explainError(error);
  return build(rule, resource, {
    status: 'ERROR',
    message: `${explained.message}${context}`,
    evidence: { ...evidence, code: explained.code },
    remediation: explained.remediation,
  });
}
