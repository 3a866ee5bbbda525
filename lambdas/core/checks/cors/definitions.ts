import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { settle } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { bucketCorsFindings } from './buckets';
import { corsCatalogue } from './catalogue';
import { httpApisCors } from './http-apis';
import { judgeFunctionUrlCors } from './rules/cors-policies/function-url-cors';

/** Function URLs read at once (Lambda's control plane rate is shared by the account). */
export const FUNCTION_URL_CONCURRENCY = 4;

/**
 * The check of "CORS policies properly configured", for the service's Lambda function URLs, HTTP APIs
 * and S3 buckets.
 */
export const corsChecks: FamilyDefinitions<typeof corsCatalogue> = {
  'cors-policies': {
    ...corsCatalogue['cors-policies'],
    async run(account, _settings, _now, scope = WHOLE_ACCOUNT) {
      const functions = scope.select(await account.tracing.listFunctions(), (fn) => ({
        arn: fn.arn,
        names: [fn.name],
      }));
      const judged = await mapWithConcurrency(functions, FUNCTION_URL_CONCURRENCY, async (fn) =>
        judgeFunctionUrlCors(fn, await settle(() => account.cors.functionUrlCors(fn.name))),
      );
      const httpApiFindings = await httpApisCors(account, scope);
      const findings = [...judged, ...httpApiFindings].filter(
        (finding): finding is Finding => finding !== undefined,
      );
      // The service's S3 buckets of this region.
      findings.push(...(await bucketCorsFindings(account.cors, scope)));
      return findings;
    },
  },
};
