import { mapWithConcurrency } from '../../concurrency';
import { explainError } from '../../errors';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import type { FamilyDefinitions } from '../types';
import { evaluateCertificate } from './acm-certificate';
import { tlsCatalogue } from './catalogue';
import { endpointResource, evaluateEndpoint } from './endpoint';
import { endpointFinding } from './finding';
import { PROBE_CONCURRENCY } from './probe-budget';
import { evaluateRenewal, needsRenewalLookup, type RenewalLookup } from './rules/acm-certificates/renewal';

/** DescribeCertificate calls in flight; ACM allows about 10 per second per account. */
const RENEWAL_LOOKUP_CONCURRENCY = 4;

const acmCertificates: FamilyDefinitions<typeof tlsCatalogue>['acm-certificates'] = {
  ...tlsCatalogue['acm-certificates'],
  async run(account, settings, now, scope = WHOLE_ACCOUNT) {
    // Out-of-scope certificates are dropped before any DescribeCertificate call.
    const certificates = scope.select(await account.tls.listCertificates(), (cert) => ({
      arn: cert.arn,
      names: cert.domainName === null ? [] : [cert.domainName],
    }));
    const perCertificate = await mapWithConcurrency(
      certificates,
      RENEWAL_LOOKUP_CONCURRENCY,
      async (cert) => {
        const findings = evaluateCertificate(cert, settings, now);
        if (!needsRenewalLookup(cert, now)) return findings;
        // A failed lookup costs only this certificate's renewal finding; its other rules still stand.
        const lookup: RenewalLookup = await account.tls.getRenewal(cert.arn).then(
          (renewal) => ({ ok: true as const, renewal }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        return [...findings, ...evaluateRenewal(cert, lookup)];
      },
    );
    return perCertificate.flat();
  },
};

const tlsEndpoints: FamilyDefinitions<typeof tlsCatalogue>['tls-endpoints'] = {
  ...tlsCatalogue['tls-endpoints'],
  async run(account, settings, now) {
    const perEndpoint = await mapWithConcurrency(
      settings.endpoints,
      PROBE_CONCURRENCY,
      async (endpoint): Promise<Finding[]> => {
        const target = {
          host: endpoint.host,
          port: endpoint.port,
          servername: endpoint.servername ?? endpoint.host,
          timeoutMs: settings.timeoutMs,
          ...(settings.caFile === undefined ? {} : { caFile: settings.caFile }),
        };
        try {
          return evaluateEndpoint(target, await account.tls.probeEndpoint(target), settings, now);
        } catch (error) {
          const { message, remediation, code } = explainError(error);
          return [
            endpointFinding('connection', endpointResource(target), {
              status: 'ERROR',
              message,
              remediation,
              evidence: { code },
            }),
          ];
        }
      },
    );
    return perEndpoint.flat();
  },
};

/** The TLS checks of the checklist item "SSL certificates valid and configured". */
export const tlsChecks: FamilyDefinitions<typeof tlsCatalogue> = {
  'acm-certificates': acmCertificates,
  'tls-endpoints': tlsEndpoints,
};
