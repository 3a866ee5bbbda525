import type { AcmCertificate } from '../../ports';

/** How a message names a certificate: its domain, else its ARN. */
export function name(cert: AcmCertificate): string {
  return cert.domainName ?? cert.arn;
}
