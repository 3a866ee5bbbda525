import { type Finding, type FindingStatus, worstStatus } from '../../findings';
import { evaluateEndpoint } from './endpoint';
import { type EndpointRuleSettings, earliestExpiring, latestStarting } from './endpoint-rules';
import { daysToExpiry } from './expiry';
import type { ProbeResult, ProbeTarget } from './ports';

/** One probe, judged: what `preflight probe-tls --json` prints. Unknown values are `null`. */
export interface ProbeReport {
  readonly host: string;
  readonly port: number;
  readonly servername: string;
  readonly status: Exclude<FindingStatus, 'SKIPPED'>;
  readonly protocol: string | null;
  /** Of the certificate presented whose validity starts last: before it, a client refuses the chain. */
  readonly notBefore: string | null;
  /** Of the earliest-expiring certificate presented. */
  readonly notAfter: string | null;
  /** Whole days left, or (negative) since expiry, counted toward zero: 0 within a day either side. */
  readonly daysToExpiry: number | null;
  /** The earliest-expiring certificate's `notAfter` has passed (then a 0 above means under a day ago). */
  readonly expired: boolean | null;
  readonly hostnameMatches: boolean | null;
  readonly chainTrusted: boolean | null;
  readonly trustError: string | null;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly keyType: string | null;
  readonly keyBits: number | null;
  /** The leaf's EC curve (OpenSSL's name, e.g. `prime256v1`); `null` for other keys. */
  readonly keyCurve: string | null;
  readonly signatureAlgorithm: string | null;
  /**
   * What a server that asks for a client certificate (mutual TLS) did without one: `required`,
   * `optional` or `unknown`; `null` when it did not ask, or nothing could be evaluated.
   */
  readonly clientCertificate: 'required' | 'optional' | 'unknown' | null;
  /** Why nothing could be evaluated; `null` when the handshake completed. */
  readonly error: string | null;
  readonly findings: readonly Finding[];
}

/** Judges one probe with the same rules as the tls-endpoints check and flattens it for people and pipelines. */
export function buildProbeReport(
  target: Pick<ProbeTarget, 'host' | 'port' | 'servername'>,
  result: ProbeResult,
  settings: EndpointRuleSettings,
  now: Date,
): ProbeReport {
  const findings = evaluateEndpoint(target, result, settings, now);
  const status = (worstStatus(findings.map((f) => f.status)) ?? 'ERROR') as ProbeReport['status'];
  const base = { host: target.host, port: target.port, servername: target.servername, status };
  if (result.outcome === 'failed' || result.chain.length === 0) {
    const error = findings.find((f) => f.status === 'ERROR')?.message ?? 'no TLS session';
    return {
      ...base,
      status: 'ERROR',
      protocol: null,
      notBefore: null,
      notAfter: null,
      daysToExpiry: null,
      expired: null,
      hostnameMatches: null,
      chainTrusted: null,
      trustError: null,
      subject: null,
      issuer: null,
      keyType: null,
      keyBits: null,
      keyCurve: null,
      signatureAlgorithm: null,
      clientCertificate: null,
      error,
      findings,
    };
  }
  const leaf = result.chain[0];
  const earliest = earliestExpiring(result.chain);
  const latest = latestStarting(result.chain);
  return {
    ...base,
    protocol: result.protocol,
    notBefore: latest?.notBefore.toISOString() ?? null,
    notAfter: earliest?.notAfter.toISOString() ?? null,
    daysToExpiry: earliest === undefined ? null : daysToExpiry(earliest.notAfter, now),
    expired: earliest === undefined ? null : earliest.notAfter.getTime() <= now.getTime(),
    hostnameMatches: result.hostnameMatches,
    chainTrusted: result.chainTrusted,
    trustError: result.trustError,
    subject: leaf?.subject ?? null,
    issuer: leaf?.issuer ?? null,
    keyType: leaf?.keyType ?? null,
    keyBits: leaf?.keyBits ?? null,
    keyCurve: leaf?.keyCurve ?? null,
    signatureAlgorithm: leaf?.signatureAlgorithm ?? null,
    clientCertificate: result.clientCertificate?.outcome ?? null,
    error: result.unfinished?.message ?? null,
    findings,
  };
}
