import type { Finding } from '../../findings';
import type { CheckScope } from '../../scope/check-scope';
import { apiIdentity } from '../api-gateway/stages';
import { errorFinding } from '../kit/finding';
import { settle } from '../kit/outcome';
import type { AccountPorts } from '../types';
import { corsFinding } from './finding';
import { judgeHttpApiCors } from './rules/cors-policies/http-api-cors';

/**
 * The CORS findings of the service's HTTP APIs: GetApis carries each API's CORS configuration, so
 * one listing and no call per API. A denied listing is one ERROR; the function URLs still report.
 */
export async function httpApisCors(
  account: AccountPorts,
  scope: CheckScope,
): Promise<(Finding | undefined)[]> {
  const apis = await settle(() => account.httpApis.listHttpApis());
  if (!apis.ok) return [errorFinding(corsFinding, 'http-api-cors', '*', apis.error)];
  return scope.select(apis.value, apiIdentity).map(judgeHttpApiCors);
}
