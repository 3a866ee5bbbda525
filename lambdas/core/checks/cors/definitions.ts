import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { HTTP_API_LISTING } from '../api-gateway/permissions';
import { settle } from '../kit/outcome';
import { type CheckDefinition, SCOPE_PERMISSIONS } from '../types';
import { httpApisCors } from './http-apis';
import { judgeFunctionUrlCors } from './rules/cors-policies/function-url-cors';

/** Function URLs read at once (Lambda's control plane rate is shared by the account). */
export const FUNCTION_URL_CONCURRENCY = 4;

/** The check of "CORS policies properly configured", for the service's Lambda function URLs and HTTP APIs. */
export const corsChecks: { readonly 'cors-policies': CheckDefinition<'cors-policies'> } = {
  'cors-policies': {
    id: 'cors-policies',
    title:
      "The service's function URLs and HTTP APIs list their allowed origins and never pair * with credentials",
    permissions: ['lambda:ListFunctions', 'lambda:GetFunctionUrlConfig', ...SCOPE_PERMISSIONS],
    resourcePermissions: [HTTP_API_LISTING],
    scope: { kind: 'resources', types: ['lambda:function', 'apigateway:apis'] },
    async run(account, _settings, _now, scope = WHOLE_ACCOUNT) {
      const functions = scope.select(await account.tracing.listFunctions(), (fn) => ({
        arn: fn.arn,
        names: [fn.name],
      }));
      const judged = await mapWithConcurrency(functions, FUNCTION_URL_CONCURRENCY, async (fn) =>
        judgeFunctionUrlCors(fn, await settle(() => account.cors.functionUrlCors(fn.name))),
      );
      const httpApiFindings = await httpApisCors(account, scope);
      return [...judged, ...httpApiFindings].filter((finding): finding is Finding => finding !== undefined);
    },
  },
};
