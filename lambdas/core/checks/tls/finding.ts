import type { Finding } from '../../findings';

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
  | 'signature';

type FindingFields = Omit<Finding, 'checkId' | 'rule' | 'resource'>;

/** A finding of the acm-certificates check. */
export function acmFinding(rule: AcmRule, resource: string, fields: FindingFields): Finding {
  return { checkId: 'acm-certificates', rule, resource, ...fields };
}

/** A finding of the tls-endpoints check. */
export function endpointFinding(rule: EndpointRule, resource: string, fields: FindingFields): Finding {
  return { checkId: 'tls-endpoints', rule, resource, ...fields };
}
