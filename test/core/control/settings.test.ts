import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { controlSettings } from '../../../lambdas/core/control/settings';

const ONCALL = 'arn:aws:iam::111122223333:role/PaymentsOnCall';
const service = (watch: Record<string, unknown> = {}) => ({
  environments: ['prod'],
  resources: { tags: { service: 'x' } },
  watch,
});

describe('controlSettings', () => {
  it("carries a service's own abort list, and nothing for services that keep the defaults", () => {
    const settings = controlSettings(
      validateConfig({
        environments: { prod: {} },
        services: { payments: service({ abortBy: [ONCALL] }), orders: service() },
      }),
    );

    expect(settings.abortBy).toEqual(['*']);
    expect(settings.services).toEqual({ payments: { abortBy: [ONCALL] } });
  });

  it('carries no services when every service keeps the defaults', () => {
    const settings = controlSettings(
      validateConfig({ environments: { prod: {} }, services: { orders: service() } }),
    );

    expect(settings.services).toBeUndefined();
  });
});
