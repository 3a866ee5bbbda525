import { describe, expect, it } from 'vitest';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../../lambdas/core/identifiers';

describe('identifiers', () => {
  it.each(['d-4EXAMPLE1', 'v1.2.3', 'gh-123:attempt-2', 'a'])('accepts the deployment id %j', (id) => {
    expect(DeploymentIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', '../../x', 'a/b', '-x', 'a..b', 'x y', 'a'.repeat(129), 'ü'])(
    'refuses the deployment id %j',
    (id) => {
      expect(DeploymentIdSchema.safeParse(id).success).toBe(false);
    },
  );

  it.each(['', 'orders api', '{service}', 'a/b', '-x', 'a'.repeat(65)])(
    'refuses the service name %j',
    (name) => {
      expect(ServiceNameSchema.safeParse(name).success).toBe(false);
    },
  );

  it.each(['', 'pro d', 'prod.eu', '_x'])('refuses the environment name %j', (name) => {
    expect(EnvironmentNameSchema.safeParse(name).success).toBe(false);
  });
});
