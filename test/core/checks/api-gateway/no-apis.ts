import type { HttpApiPorts, RestApiPorts } from '../../../../lambdas/core/checks/api-gateway/ports';

/** An account without any API Gateway API: the ports of tests about other resources. */
export const NO_APIS: { readonly restApis: RestApiPorts; readonly httpApis: HttpApiPorts } = {
  restApis: {
    listRestApis: async () => [],
    restStages: async () => [],
    listUsagePlans: async () => [],
  },
  httpApis: { listHttpApis: async () => [], httpStages: async () => [] },
};
