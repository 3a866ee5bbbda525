import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import type { TracedFunction } from '../../../tracing/ports';
import { corsFinding } from '../../finding';
import { anySiteOrigins, plainHttpOrigins } from '../../origin';
import type { FunctionUrlCors } from '../../ports';

/**
 * `function-url-cors`: a function URL's allowed origins are listed, and `*` never goes with
 * credentials. Any site (`*`, `https://*`: `matchesAnySite`, as for HTTP APIs and buckets) with
 * credentials: FAIL (any site may make a signed-in user's browser call it and read the answer).
 * Any site without credentials: WARN (any site may read its responses: right for a
 * public API only). An `http://` origin: WARN (whoever can tamper with that page on the network may
 * read the answers), as for HTTP APIs and buckets. Listed https origins, or no CORS at all (browsers
 * refuse cross-origin reads): PASS, the origins in the evidence. No function URL: no finding. The
 * URL that could not be read: ERROR.
 */
export function judgeFunctionUrlCors(
  fn: TracedFunction,
  url: Outcome<FunctionUrlCors | undefined>,
): Finding | undefined {
  if (!url.ok)
    return errorFinding(corsFinding, 'function-url-cors', fn.arn, url.error, { functionName: fn.name });
  if (url.value === undefined) return undefined;
  const cors = url.value;
  const origins = cors.allowOrigins ?? [];
  const evidence = {
    functionName: fn.name,
    url: cors.url,
    authType: cors.authType,
    allowOrigins: cors.allowOrigins ?? null,
    allowCredentials: cors.allowCredentials,
  };
  const any = anySiteOrigins(origins);
  if (any.length > 0 && cors.allowCredentials) {
    return corsFinding('function-url-cors', fn.arn, {
      status: 'FAIL',
      message: `${fn.name}'s function URL allows any site (${any.join(', ')}) with credentials: any site can call it as a signed-in user and read the answer.`,
      evidence,
      remediation: `List the origins that may call it (aws lambda update-function-url-config --function-name ${fn.name} --cors AllowOrigins=https://app.example.com,AllowCredentials=true).`,
    });
  }
  if (any.length > 0) {
    return corsFinding('function-url-cors', fn.arn, {
      status: 'WARN',
      message: `${fn.name}'s function URL allows any site (${any.join(', ')}): any site can read its responses. Right for a public API only.`,
      evidence,
      remediation: 'List the origins that may call it, unless the API is public by design.',
    });
  }
  const plain = plainHttpOrigins(origins);
  if (plain.length > 0) {
    return corsFinding('function-url-cors', fn.arn, {
      status: 'WARN',
      message: `${fn.name}'s function URL allows origins over plain http (${plain.join(', ')}): whoever can tamper with those pages on the network can read its answers${cors.allowCredentials ? ' as the signed-in user' : ''}.`,
      evidence,
      remediation: `Allow only https origins (aws lambda update-function-url-config --function-name ${fn.name} --cors AllowOrigins=https://app.example.com).`,
    });
  }
  return corsFinding('function-url-cors', fn.arn, {
    status: 'PASS',
    message:
      origins.length === 0
        ? `${fn.name}'s function URL allows no cross-origin reads (no CORS configuration).`
        : `${fn.name}'s function URL allows ${origins.join(', ')}${cors.allowCredentials ? ', with credentials' : ''}.`,
    evidence,
  });
}
