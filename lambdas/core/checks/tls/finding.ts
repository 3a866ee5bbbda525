import { findingBuilder } from '../kit/finding';

/** The rules of the acm-certificates check (`Finding.rule`). */
export type AcmRule = 'status' | 'expiry' | 'key-size' | 'renewal';

/** The rules of the tls-endpoints check (`Finding.rule`). */
export type EndpointRule =
  | 'connection'
  | 'expiry'
  | 'trust'
  | 'hostname'
  | 'protocol'
  | 'key-size'
  | 'signature'
  | 'client-certificate';

/** A finding of the acm-certificates check. */
export const acmFinding = findingBuilder<AcmRule>('acm-certificates');

/** A finding of the tls-endpoints check. */
export const endpointFinding = findingBuilder<EndpointRule>('tls-endpoints');
