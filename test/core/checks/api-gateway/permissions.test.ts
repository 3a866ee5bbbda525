import { describe, expect, it } from 'vitest';
import { auditPermissions, auditResourcePermissions } from '../../../../lambdas/core/checks/registry';

describe('reading API Gateway', () => {
  it('is never granted on every resource: apigateway:GET on * would read API key values', () => {
    expect(auditPermissions().filter((action) => action.startsWith('apigateway:'))).toEqual([]);
  });

  it('is granted only on the API, stage and usage plan listings, never on keys', () => {
    expect(auditResourcePermissions()).toEqual([
      {
        action: 'apigateway:GET',
        resources: [
          'apigateway:*::/apis',
          'apigateway:*::/apis/*',
          'apigateway:*::/restapis',
          'apigateway:*::/restapis/*',
          'apigateway:*::/usageplans',
        ],
      },
    ]);
    const everyPath = auditResourcePermissions().flatMap((p) => p.resources);
    expect(everyPath.filter((path) => /apikeys|usageplans\/|\*\*|::\*$/.test(path))).toEqual([]);
  });

  it('is granted per check: each family gets only the paths its checks read', () => {
    expect(auditResourcePermissions(['cors-policies'])).toEqual([
      { action: 'apigateway:GET', resources: ['apigateway:*::/apis'] },
    ]);
    expect(auditResourcePermissions(['tracing'])).toEqual([
      { action: 'apigateway:GET', resources: ['apigateway:*::/restapis', 'apigateway:*::/restapis/*'] },
    ]);
    expect(auditResourcePermissions(['database-backups'])).toEqual([]);
  });
});
