import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The region and account as cdk-nag writes them in a finding's resource: the pseudo parameter
 * (`<AWS::Region>`) in an environment-agnostic stack, the literal value in a stack with an `env`.
 * An acknowledgement must name the resource exactly as the finding does.
 */
export function nagWhere(scope: IConstruct): { readonly region: string; readonly account: string } {
  const stack = Stack.of(scope);
  return {
    region: Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region,
    account: Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account,
  };
}
