import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The tls family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const tlsCatalogue = {
  'acm-certificates': {
    id: 'acm-certificates',
    title: 'ACM certificates: expiry, status, renewal and key size',
    permissions: ['acm:ListCertificates', 'acm:DescribeCertificate', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['acm:certificate'] },
  },
  'tls-endpoints': {
    id: 'tls-endpoints',
    title: 'TLS endpoints: handshake, trust, hostname, expiry, protocol, key and signatures',
    // Probes are plain TLS handshakes from the auditor: no AWS API is called.
    permissions: [],
    // The endpoints are the service's own (services.<name>.tlsEndpoints).
    scope: { kind: 'settings', key: 'tlsEndpoints' },
  },
} as const satisfies FamilyCatalogue;
