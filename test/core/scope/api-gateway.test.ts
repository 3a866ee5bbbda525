import { describe, expect, it } from 'vitest';
import { resourceTypeOfArn } from '../../../lambdas/core/scope/arn';
import { resolveScope } from '../../../lambdas/core/scope/resolve';
import { STACK_RESOURCE_ARNS } from '../../../lambdas/core/scope/stack-resources';

const AT = { partition: 'aws-cn', accountId: '111122223333', region: 'cn-north-1' };

describe('API Gateway resources in a service scope', () => {
  it.each<[string, string | undefined]>([
    ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3', 'apigateway:restapis'],
    ['arn:aws:apigateway:eu-west-1::/apis/h1j2k3', 'apigateway:apis'],
    // A stage is of its API's kind: tagged or listed alone, the stage checks judge that stage.
    ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod', 'apigateway:restapis'],
    ['arn:aws:apigateway:eu-west-1::/apis/h1j2k3/stages/$default', 'apigateway:apis'],
    ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod/extra', undefined],
    ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/deployments/d1', undefined],
    ['arn:aws:apigateway:eu-west-1::/apikeys/k1', undefined],
    ['arn:aws:apigateway:eu-west-1::/usageplans/u1', undefined],
  ])('%s is %s', (arn, type) => {
    expect(resourceTypeOfArn(arn)).toBe(type);
  });

  it("builds a stack's REST and HTTP API ARNs from their ids, in the stack's partition and region", () => {
    expect(STACK_RESOURCE_ARNS['AWS::ApiGateway::RestApi']?.arn('a1b2c3', AT)).toBe(
      'arn:aws-cn:apigateway:cn-north-1::/restapis/a1b2c3',
    );
    expect(STACK_RESOURCE_ARNS['AWS::ApiGatewayV2::Api']?.arn('h1j2k3', AT)).toBe(
      'arn:aws-cn:apigateway:cn-north-1::/apis/h1j2k3',
    );
  });

  it('asks the tagging API for the API types, as it names them, and keeps listed API and stage ARNs', async () => {
    const asked: string[][] = [];
    const resolved = await resolveScope(
      {
        tags: { service: 'orders' },
        stacks: [],
        arns: [
          'arn:aws:apigateway:eu-west-1::/restapis/a1',
          'arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod',
        ],
        names: [],
      },
      {
        resourcesWithTags: async (_tags, types) => {
          asked.push([...types]);
          return ['arn:aws:apigateway:eu-west-1::/apis/h1'];
        },
        stackResources: async () => undefined,
        location: async () => AT,
      },
      ['apigateway:restapis', 'apigateway:apis'],
    );
    expect(asked).toEqual([['apigateway:restapis', 'apigateway:apis']]);
    expect(resolved.resources.map((r) => r.arn)).toEqual([
      'arn:aws:apigateway:eu-west-1::/apis/h1',
      'arn:aws:apigateway:eu-west-1::/restapis/a1',
      'arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod',
    ]);
  });
});
