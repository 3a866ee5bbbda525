import type { ExpiryThresholds } from './expiry';

/*
 * The rules of the tls-endpoints check, one file each under rules/tls-endpoints/ (named after the
 * rule, as `Finding.rule` names it); `connection` is in endpoint.ts, where a probe that could not
 * connect is judged before any rule.
 */

/** The tls-endpoints settings the pure rules need. */
export interface EndpointRuleSettings extends ExpiryThresholds {
  readonly minRsaBits: number;
}

export { earliestExpiring, isWeakSignature, latestStarting } from './rules/tls-endpoints/chain';
export { evaluateClientCertificate } from './rules/tls-endpoints/client-certificate';
export { evaluateChainExpiry } from './rules/tls-endpoints/expiry';
export { evaluateHostname } from './rules/tls-endpoints/hostname';
export { evaluateChainKeys } from './rules/tls-endpoints/key-size';
export { evaluateProtocol } from './rules/tls-endpoints/protocol';
export { evaluateSignatures } from './rules/tls-endpoints/signature';
export { evaluateTrust, TRUST_PRIVATE_CA } from './rules/tls-endpoints/trust';
