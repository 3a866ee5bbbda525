import type { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';

/**
 * Asserts that the template's EventBridge rules have targets and that none of them is a state
 * machine or a function: anyone allowed events:PutEvents may put `source: preflight`, so an event
 * may reach a channel, but nothing of Preflight may act on one.
 */
export function expectNoRuleTargetsAnActor(template: Template): void {
  const stack = template.toJSON() as {
    Resources: Record<string, { Type: string; Properties?: { Targets?: { Arn: unknown }[] } }>;
  };
  const actors = Object.entries(stack.Resources)
    .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine' || r.Type === 'AWS::Lambda::Function')
    .map(([id]) => id);
  const targets = Object.values(stack.Resources)
    .filter((r) => r.Type === 'AWS::Events::Rule')
    .flatMap((rule) => (rule.Properties?.Targets ?? []).map((target) => JSON.stringify(target.Arn)));
  expect(targets.length).toBeGreaterThan(0);
  for (const arn of targets) {
    expect(actors.filter((id) => arn.includes(id))).toEqual([]);
    expect(arn).not.toMatch(/:states:|:lambda:/);
  }
}
