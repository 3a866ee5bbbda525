import { ACMClient } from '@aws-sdk/client-acm';
import type { ProbeResult, ProbeTarget, TlsPorts } from '../../core/checks/tls/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { getAcmRenewal, listAcmCertificates } from './acm';
import { probeTls } from './probe';

/** What the tls ports are built from; tests pass a mocked client or a fake probe. */
export interface TlsPortsDependencies {
  readonly acm: ACMClient;
  readonly probe: (target: ProbeTarget) => Promise<ProbeResult>;
}

/** The tls ports over the given ACM client and probe. */
export function tlsPorts(deps: TlsPortsDependencies): TlsPorts {
  return {
    listCertificates: () => listAcmCertificates(deps.acm),
    getRenewal: (arn) => getAcmRenewal(deps.acm, arn),
    probeEndpoint: (target) => deps.probe(target),
  };
}

/** The tls ports backed by AWS and real TLS handshakes; the ACM client is created once per call of this factory. */
export function createAwsTlsPorts(options: AwsClientOptions): TlsPorts {
  return tlsPorts({ acm: new ACMClient(clientConfig(options)), probe: probeTls });
}
