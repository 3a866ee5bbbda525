import * as http from 'node:http';
import * as https from 'node:https';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Provider } from '@smithy/types';
import { quoteAsGiven } from '../../lambdas/core/plain-text';
import { checkedRegion } from './aws-setup';
import { UsageError } from './usage-error';

/*
 * The CLI side of the control endpoint: a POST of JSON to the function URL, signed with SigV4
 * (service `lambda`) using the caller's own AWS credentials (the default chain). The signature is the
 * identity: the endpoint reads who is calling from it, never from the body.
 */

/** Where the control endpoint is and which region signs for it. */
export interface ControlTarget {
  readonly url: URL;
  readonly region: string;
}

/** What the endpoint answered: the HTTP status and the JSON body (with `message`), or the raw text. */
export interface ControlReply {
  readonly status: number;
  readonly body: { readonly message?: string; readonly error?: string; readonly Message?: string } & Record<
    string,
    unknown
  >;
}

const FUNCTION_URL_HOST = /^[a-z0-9]+\.lambda-url\.([a-z0-9-]+)\.on\.aws$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The control URL from `--control-url` or `PREFLIGHT_CONTROL_URL`, and the region from its host
 * (`<id>.lambda-url.<region>.on.aws`) or `--region`.
 * @throws UsageError when either is missing or the URL is not an https function URL.
 */
export function controlTarget(options: { controlUrl?: string; region?: string }): ControlTarget {
  const raw = options.controlUrl ?? process.env.PREFLIGHT_CONTROL_URL;
  if (raw === undefined || raw === '') {
    throw new UsageError(
      'no control URL: pass --control-url or set PREFLIGHT_CONTROL_URL (the stack output ControlUrl).',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `--control-url: got ${quoteAsGiven(raw, 200)}; expected the stack output ControlUrl (https://...).`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new UsageError(
      `--control-url: got ${quoteAsGiven(raw, 200)}; expected an https URL (the stack output ControlUrl).`,
    );
  }
  const fromHost = FUNCTION_URL_HOST.exec(url.hostname)?.[1];
  const flagRegion = checkedRegion(options.region);
  if (fromHost !== undefined && flagRegion !== undefined && flagRegion !== fromHost) {
    throw new UsageError(`--region ${flagRegion} does not match the control URL's region ${fromHost}.`);
  }
  const region = fromHost ?? flagRegion;
  if (region === undefined) {
    throw new UsageError(
      `no region for ${url.host}: pass --region (a function URL names its region in its host).`,
    );
  }
  return { url, region };
}

function send(
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`no answer from ${url.host} within 30 s`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Signs `payload` as the caller and POSTs it to the control endpoint. */
export async function postControl(
  target: ControlTarget,
  payload: unknown,
  credentials: Provider<AwsCredentialIdentity> = defaultProvider(),
): Promise<ControlReply> {
  const body = JSON.stringify(payload);
  const signer = new SignatureV4({ service: 'lambda', region: target.region, credentials, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: target.url.protocol,
    hostname: target.url.hostname,
    ...(target.url.port === '' ? {} : { port: Number(target.url.port) }),
    path: target.url.pathname,
    query: Object.fromEntries(target.url.searchParams),
    headers: { host: target.url.host, 'content-type': 'application/json' },
    body,
  });
  const response = await send(target.url, signed.headers as Record<string, string>, body);
  let parsed: ControlReply['body'];
  try {
    parsed = JSON.parse(response.text) as ControlReply['body'];
  } catch {
    parsed = { message: response.text.trim() };
  }
  return { status: response.status, body: typeof parsed === 'object' && parsed !== null ? parsed : {} };
}
