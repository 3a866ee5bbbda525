import type { Finding } from '../../../../findings';
import type { HttpApi } from '../../../api-gateway/ports';
import { corsFinding } from '../../finding';
import { anySiteOrigins, plainHttpOrigins } from '../../origin';

/**
 * `http-api-cors`: an HTTP API's allowed origins are listed, over https, and `*` never goes with
 * credentials. Judged as function URLs are: any site (`*`, `https://*`: `matchesAnySite`) with
 * credentials: FAIL; any site without: WARN (right
 * for a public API only); listed origins or no CORS configuration (browsers refuse cross-origin
 * reads): PASS, the origins in the evidence. Beyond that, an `http://` origin: WARN (whoever can
 * tamper with that page on the network may read the answers, with the user's credentials when
 * allowed). WebSocket APIs have no CORS: no finding.
 */
export function judgeHttpApiCors(api: HttpApi): Finding | undefined {
  if (api.protocolType !== 'HTTP') return undefined;
  const cors = api.cors;
  const origins = cors?.allowOrigins ?? [];
  const evidence = {
    httpApi: api.name,
    apiId: api.id,
    allowOrigins: cors === undefined ? null : cors.allowOrigins,
    allowCredentials: cors?.allowCredentials ?? false,
    allowMethods: cors?.allowMethods ?? null,
  };
  const update = `aws apigatewayv2 update-api --api-id ${api.id} --cors-configuration AllowOrigins=https://app.example.com,AllowCredentials=true`;
  const any = anySiteOrigins(origins);
  if (any.length > 0 && cors?.allowCredentials === true) {
    return corsFinding('http-api-cors', api.arn, {
      status: 'FAIL',
      message: `${api.name} allows any site (${any.join(', ')}) with credentials: any site can call it as a signed-in user and read the answer.`,
      evidence,
      remediation: `List the origins that may call it (${update}).`,
    });
  }
  if (any.length > 0) {
    return corsFinding('http-api-cors', api.arn, {
      status: 'WARN',
      message: `${api.name} allows any site (${any.join(', ')}): any site can read its responses. Right for a public API only.`,
      evidence,
      remediation: 'List the origins that may call it, unless the API is public by design.',
    });
  }
  const plain = plainHttpOrigins(origins);
  if (plain.length > 0) {
    return corsFinding('http-api-cors', api.arn, {
      status: 'WARN',
      message: `${api.name} allows origins over plain http (${plain.join(', ')}): whoever can tamper with those pages on the network can read its answers${cors?.allowCredentials === true ? ' as the signed-in user' : ''}.`,
      evidence,
      remediation: `Allow only https origins (${update}).`,
    });
  }
  return corsFinding('http-api-cors', api.arn, {
    status: 'PASS',
    message:
      origins.length === 0
        ? `${api.name} allows no cross-origin reads (no CORS origins).`
        : `${api.name} allows ${origins.join(', ')}${cors?.allowCredentials === true ? ', with credentials' : ''}.`,
    evidence,
  });
}
