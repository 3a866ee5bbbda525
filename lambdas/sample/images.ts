import type {
  ImageCoverage,
  ImagesPorts,
  Lookup,
  RegistryScanning,
  Vulnerability,
} from '../core/checks/images/ports';
import { type Release, ReleaseSchema } from '../core/release';
import { PROD_ACCOUNT } from './ownership';

const DAY = 86_400_000;

/** One image of a sample repository: when it was pushed and scanned, and what the scan found. */
export interface SampleImage {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly pushedDaysAgo: number;
  /** Days since the last scan; absent: never scanned. */
  readonly scannedDaysAgo?: number;
  readonly vulnerabilities: readonly Vulnerability[];
}

export interface SampleRepository {
  readonly name: string;
  readonly tagMutability: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush: boolean;
  readonly images: readonly SampleImage[];
}

export interface SampleRegistry {
  readonly region: string;
  readonly accountId: string;
  readonly scanning: Omit<RegistryScanning, 'registryId'>;
  /** Inspector's ECR scanning state. */
  readonly inspectorEcr: string;
  readonly repositories: readonly SampleRepository[];
}

const missing = <T>(what: 'repository' | 'image' | 'scan'): Lookup<T> => ({ found: false, missing: what });

/** A sample registry served through the image ports, as ECR and Inspector would answer. */
export function sampleImagesPorts(registry: SampleRegistry, now: Date): ImagesPorts {
  const at = now.getTime();
  const repo = (name: string) => registry.repositories.find((r) => r.name === name);
  const find = (name: string, digest: string) => repo(name)?.images.find((i) => i.digest === digest);
  const scannedAt = (image: SampleImage) =>
    image.scannedDaysAgo === undefined ? undefined : new Date(at - image.scannedDaysAgo * DAY);
  return {
    registryScanning: async () => ({ registryId: registry.accountId, ...registry.scanning }),
    inspectorStatus: async () => ({ accountId: registry.accountId, ecr: registry.inspectorEcr }),
    imageCoverage: async ({ repository, digest, arn }): Promise<ImageCoverage[]> => {
      const image = find(repository, digest);
      const when = image === undefined ? undefined : scannedAt(image);
      if (image === undefined || when === undefined) return [];
      return [{ resourceId: arn, statusCode: 'ACTIVE', statusReason: 'SUCCESSFUL', lastScannedAt: when }];
    },
    imageFindings: async ({ repository, digest }, severities) =>
      (find(repository, digest)?.vulnerabilities ?? []).filter((v) => severities.includes(v.severity)),
    basicScan: async ({ repository, digest }) => {
      if (repo(repository) === undefined) return missing('repository');
      const image = find(repository, digest);
      if (image === undefined) return missing('image');
      const when = scannedAt(image);
      if (when === undefined) return missing('scan');
      return {
        found: true,
        value: { status: 'COMPLETE', completedAt: when, vulnerabilities: image.vulnerabilities },
      };
    },
    repository: async (name) => {
      const found = repo(name);
      if (found === undefined) return missing('repository');
      return {
        found: true,
        value: {
          name,
          arn: `arn:aws:ecr:${registry.region}:${registry.accountId}:repository/${name}`,
          tagMutability: found.tagMutability,
          scanOnPush: found.scanOnPush,
        },
      };
    },
    image: async ({ repository, digest }) => {
      if (repo(repository) === undefined) return missing('repository');
      const image = find(repository, digest);
      if (image === undefined) return missing('image');
      return {
        found: true,
        value: { digest, tags: image.tags, pushedAt: new Date(at - image.pushedDaysAgo * DAY) },
      };
    },
    // The sample's images are single-platform images.
    platformImages: async () => undefined,
  };
}

/** A registry with nothing in it (the sample's other estates), scanned the basic way. */
export const emptyRegistry = (region: string, accountId: string): SampleRegistry => ({
  region,
  accountId,
  scanning: { scanType: 'BASIC', rules: [] },
  inspectorEcr: 'DISABLED',
  repositories: [],
});

export const ORDERS_API_DIGEST = 'sha256:bf01608c7ab75fe99e6d848f7fa0d54e75162c17518430fbd0a0df20890616b0';
export const PAYMENTS_DIGEST = 'sha256:bef1d39cec07f1e13371a29165176437aa8cd1c0e6dd953b979ab45b16df8c9b';

/**
 * The main account's registry in eu-west-1: enhanced scanning (Amazon Inspector) of both services'
 * repositories. orders-api's image was scanned today and has only a medium finding, in a
 * repository with immutable tags; payments' image carries a critical CVE with a fix available, in
 * a repository whose tags can move.
 */
export const PROD_EU_WEST_1_REGISTRY: SampleRegistry = {
  region: 'eu-west-1',
  accountId: PROD_ACCOUNT,
  scanning: {
    scanType: 'ENHANCED',
    rules: [{ scanFrequency: 'CONTINUOUS_SCAN', filters: ['orders-*', 'payments'] }],
  },
  inspectorEcr: 'ENABLED',
  repositories: [
    {
      name: 'orders-api',
      tagMutability: 'IMMUTABLE',
      scanOnPush: false,
      images: [
        {
          digest: ORDERS_API_DIGEST,
          tags: ['1.42.0'],
          pushedDaysAgo: 1,
          scannedDaysAgo: 0.2,
          vulnerabilities: [
            {
              id: 'CVE-2025-0167',
              severity: 'MEDIUM',
              packages: [{ name: 'curl', version: '8.11.1', fixedIn: '8.12.0' }],
            },
          ],
        },
      ],
    },
    {
      name: 'payments',
      tagMutability: 'MUTABLE',
      scanOnPush: false,
      images: [
        {
          digest: PAYMENTS_DIGEST,
          tags: ['7.3.1', 'latest'],
          pushedDaysAgo: 3,
          scannedDaysAgo: 0.5,
          vulnerabilities: [
            {
              id: 'CVE-2024-3094',
              severity: 'CRITICAL',
              packages: [{ name: 'xz-utils', version: '5.6.0-0.2', fixedIn: '5.6.1+really5.4.5-1' }],
            },
            {
              id: 'CVE-2024-6387',
              severity: 'HIGH',
              packages: [{ name: 'openssh-server', version: '1:9.6p1-3', fixedIn: '1:9.7p1-7' }],
            },
          ],
        },
      ],
    },
  ],
};

const SAMPLE_RELEASES: Readonly<Record<string, readonly string[]>> = {
  'orders-api/prod': [`${PROD_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders-api@${ORDERS_API_DIGEST}`],
  'payments/prod': [`${PROD_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/payments@${PAYMENTS_DIGEST}`],
};

/** The release each sample service is about to deploy (as its gate would name it); none for the others. */
export function sampleRelease(service: string, environment: string): Release | undefined {
  const images = SAMPLE_RELEASES[`${service}/${environment}`];
  return images === undefined ? undefined : ReleaseSchema.parse({ images });
}
