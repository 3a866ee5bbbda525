import type { Finding } from '../../findings';
import {
  type EndpointRuleSettings,
  evaluateChainExpiry,
  evaluateChainKeys,
  evaluateClientCertificate,
  evaluateHostname,
  evaluateProtocol,
  evaluateSignatures,
  evaluateTrust,
} from './endpoint-rules';
import { endpointFinding } from './finding';
import type { ProbeConnected, ProbeFailed, ProbeResult, ProbeTarget } from './ports';

/** The finding resource of an endpoint: `host:port`, with the SNI name in front when it differs. */
export function endpointResource(target: Pick<ProbeTarget, 'host' | 'port' | 'servername'>): string {
  const address = target.host.includes(':')
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`;
  return target.servername === target.host ? address : `${target.servername}@${address}`;
}

const FAILURE_FIXES: Readonly<Record<ProbeFailed['reason'], string>> = {
  refused: 'Check the host and port, that the listener is up, and that security groups allow the auditor in.',
  timeout: 'Check that the endpoint is reachable from where Preflight runs (routes, security groups, NACLs).',
  dns: 'Check the host name and its DNS records.',
  handshake: 'Check that the port speaks TLS (not plain HTTP) and accepts TLS 1.2+ with SNI.',
  network: 'Check network reachability of the endpoint and probe again.',
  config:
    'Fix the CA bundle (`--ca-file` of preflight probe-tls, or `checks.tls-endpoints.caFile`): it must name a readable PEM file of CA certificates.',
};

/** The connection could not give anything to judge: one ERROR, never a pass. */
export function connectionFinding(resource: string, failure: ProbeFailed): Finding {
  return endpointFinding('connection', resource, {
    status: 'ERROR',
    message: `Could not evaluate: no TLS session (${failure.reason}: ${failure.message}).`,
    remediation: FAILURE_FIXES[failure.reason],
    evidence: { reason: failure.reason, code: failure.code },
  });
}

/** The server presented its certificate but never finished the handshake: an ERROR beside the rules that judge it. */
function unfinishedFinding(resource: string, failure: NonNullable<ProbeConnected['unfinished']>): Finding {
  return endpointFinding('connection', resource, {
    status: 'ERROR',
    message: `The TLS handshake did not finish (${failure.reason}: ${failure.message}): no client can connect. The certificate it presented is judged by the other rules.`,
    remediation:
      "Check the TLS terminator (its logs, load, and its key: a server that cannot sign or decrypt stalls here) and any middlebox between it and the auditor that may drop the client's second flight.",
    evidence: { reason: failure.reason, code: failure.code },
  });
}

/**
 * Every rule for one probed endpoint: expiry of the earliest-expiring certificate presented, chain
 * trust, hostname, protocol, leaf key size and signature digests, and whether the server asks for a
 * client certificate. A failed connection is one ERROR.
 */
export function evaluateEndpoint(
  target: Pick<ProbeTarget, 'host' | 'port' | 'servername'>,
  result: ProbeResult,
  settings: EndpointRuleSettings,
  now: Date,
): Finding[] {
  const resource = endpointResource(target);
  if (result.outcome === 'failed') return [connectionFinding(resource, result)];
  if (result.chain.length === 0) {
    return [
      connectionFinding(resource, {
        outcome: 'failed',
        reason: 'handshake',
        code: 'NO_CERTIFICATE',
        message: 'the server presented no certificate',
      }),
    ];
  }
  return [
    ...(result.unfinished === undefined ? [] : [unfinishedFinding(resource, result.unfinished)]),
    ...evaluateChainExpiry(resource, result, settings, now),
    evaluateTrust(resource, result),
    evaluateHostname(resource, target.servername, result),
    evaluateProtocol(resource, result),
    evaluateChainKeys(resource, result, settings.minRsaBits),
    evaluateSignatures(resource, result),
    ...(result.clientCertificate === undefined
      ? []
      : [evaluateClientCertificate(resource, result.clientCertificate)]),
  ];
}
