/** How the registry scans its images (ECR GetRegistryScanningConfiguration). */
export interface RegistryScanning {
  /** The registry's account: the account the ports reach. */
  readonly registryId: string;
  /** `BASIC` (ECR's own scanner) or `ENHANCED` (Amazon Inspector). */
  readonly scanType: string;
  readonly rules: ReadonlyArray<{
    /** `SCAN_ON_PUSH`, `CONTINUOUS_SCAN` or `MANUAL`. */
    readonly scanFrequency: string;
    /** Repository name filters; `*` matches any characters. */
    readonly filters: readonly string[];
  }>;
}

/** Amazon Inspector's state in the account (BatchGetAccountStatus), for ECR scanning. */
export interface InspectorStatus {
  readonly accountId: string;
  /** `ENABLED`, `DISABLED`, `ENABLING`, `DISABLING`, `SUSPENDED`, `SUSPENDING` ... */
  readonly ecr: string;
}

/** Inspector's coverage of one image (ListCoverage). */
export interface ImageCoverage {
  readonly resourceId: string;
  /** `ACTIVE` or `INACTIVE`. */
  readonly statusCode: string;
  /** Why, e.g. `SUCCESSFUL`, `PENDING_INITIAL_SCAN`, `UNSUPPORTED_OS`, `SCAN_ELIGIBILITY_EXPIRED`. */
  readonly statusReason?: string;
  readonly lastScannedAt?: Date;
}

/** One vulnerable package of a finding. */
export interface VulnerablePackage {
  readonly name: string;
  readonly version?: string;
  /** The version that fixes it, when the scanner knows one. */
  readonly fixedIn?: string;
}

/** One vulnerability found in an image, by Inspector or by basic scanning. */
export interface Vulnerability {
  /** `CVE-2024-3094`, `GHSA-...`, or the scanner's own id. */
  readonly id: string;
  /** `CRITICAL`, `HIGH`, `MEDIUM`, `LOW`, `INFORMATIONAL`, `UNTRIAGED` or `UNDEFINED`. */
  readonly severity: string;
  readonly packages: readonly VulnerablePackage[];
}

/** A basic (ECR) scan of one image (DescribeImageScanFindings). */
export interface BasicScan {
  /** `COMPLETE`, `IN_PROGRESS`, `FAILED`, `UNSUPPORTED_IMAGE`, `FINDINGS_UNAVAILABLE` ... */
  readonly status: string;
  readonly description?: string;
  readonly completedAt?: Date;
  readonly vulnerabilities: readonly Vulnerability[];
}

/** An ECR repository's settings (DescribeRepositories). */
export interface Repository {
  readonly name: string;
  readonly arn: string;
  /** `MUTABLE`, `IMMUTABLE`, or the `_WITH_EXCLUSION` variants. */
  readonly tagMutability: string;
  /** The repository's own scan-on-push flag (basic scanning only). */
  readonly scanOnPush: boolean;
}

/** An image found by digest (DescribeImages). */
export interface ImageDetail {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly pushedAt?: Date;
}

/** What a lookup by name or digest found: the thing, or which part is missing. */
export type Lookup<T> =
  | { readonly found: true; readonly value: T }
  | { readonly found: false; readonly missing: 'repository' | 'image' | 'scan' };

/**
 * What the image checks read from the account's own registry and Amazon Inspector. Every method
 * throws {@link import('../../errors').AwsCallError} when the call fails for good. No method takes
 * a registry id: the checks read only the registry of the account they audit.
 */
export interface ImagesPorts {
  registryScanning(): Promise<RegistryScanning>;
  inspectorStatus(): Promise<InspectorStatus>;
  /** Inspector's coverage entries of one image (none when Inspector never saw it). */
  imageCoverage(image: { repository: string; digest: string; arn: string }): Promise<ImageCoverage[]>;
  /** Inspector's active package vulnerabilities of one image, of the given severities. */
  imageFindings(
    image: { repository: string; digest: string },
    severities: readonly string[],
  ): Promise<Vulnerability[]>;
  /** The basic scan of one image; `missing: 'scan'` when none ran, `repository`/`image` when absent. */
  basicScan(image: { repository: string; digest: string }): Promise<Lookup<BasicScan>>;
  /** One repository by name. */
  repository(name: string): Promise<Lookup<Repository>>;
  /** One image by digest (never by tag). */
  image(image: { repository: string; digest: string }): Promise<Lookup<ImageDetail>>;
  /**
   * The platform images' digests when the digest is an image index (multi-architecture, or with
   * attestations), attestations left out; `undefined` for a single image or one not found.
   */
  platformImages(image: { repository: string; digest: string }): Promise<readonly string[] | undefined>;
}
