import * as z from './zod';

/*
 * The release a gate judges: the container images being deployed, each a full Amazon ECR reference
 * pinned by digest. A tag can be moved to another image between the scan and the deployment, so only
 * a digest names what is deployed; and the checks read only the audited account's own registry, so
 * an image elsewhere (another account, another registry) is refused before anything runs.
 */

/** Images a release may name: a task definition holds at most 10 containers; a few services each. */
export const MAX_RELEASE_IMAGES = 50;

/** An ECR repository name: lower-case components separated by `/`, each `.`, `_` or `-` joined (2-256). */
const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const HOST = /^(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com$/;

const EXPECTED =
  'expected <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<64 hex digits>, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

/** One image of a release, as its reference names it. */
export interface ReleaseImage {
  /** The reference as given: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<hex>`. */
  readonly reference: string;
  readonly account: string;
  readonly region: string;
  readonly repository: string;
  /** `sha256:` and 64 lower-case hex digits. */
  readonly digest: string;
}

/** What is being deployed, as the gate's input names it. */
export interface Release {
  readonly images: readonly ReleaseImage[];
}

/** Shown for any reference at all, so a value that is not even a string still gets a clear message. */
const shown = (value: string) => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);

/**
 * Parses one image reference, or says what is wrong with it (the message names the part and what is
 * expected). Exported for the CLI's `--image` and the tests.
 */
export function parseImageReference(value: string): ReleaseImage | string {
  if (value.length > 512) return `too long (${value.length} characters); ${EXPECTED}`;
  // Whitespace, control characters, quotes or a scheme never belong in a reference.
  if (/[^\x21-\x7e]/.test(value) || /["'`\\]/.test(value)) {
    return `${shown(value)} holds spaces, control or quote characters; ${EXPECTED}`;
  }
  if (value.includes('://')) return `${shown(value)} has a scheme; give the reference alone: ${EXPECTED}`;
  const slash = value.indexOf('/');
  if (slash < 0) return `${shown(value)} names no registry; ${EXPECTED}`;
  const host = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const registry = HOST.exec(host);
  if (registry === null) {
    return `${shown(value)}: registry "${host}" is not an Amazon ECR private registry; ${EXPECTED}`;
  }
  const at = rest.indexOf('@');
  const name = at < 0 ? rest : rest.slice(0, at);
  const digest = at < 0 ? undefined : rest.slice(at + 1);
  const colon = name.lastIndexOf(':');
  if (digest === undefined) {
    return colon < 0
      ? `${shown(value)} has no digest; ${EXPECTED}`
      : `${shown(value)} is pinned by tag "${name.slice(colon + 1)}": pin the digest: a tag can move between scan and deploy (${EXPECTED})`;
  }
  if (colon >= 0) {
    return `${shown(value)} names both a tag ("${name.slice(colon + 1)}") and a digest: give the digest alone, the tag would be ignored (${EXPECTED})`;
  }
  if (name.length < 2 || name.length > 256 || !REPOSITORY.test(name)) {
    return `${shown(value)}: repository "${name}" is not an ECR repository name (2-256 lower-case letters, digits, and . _ - / between them); ${EXPECTED}`;
  }
  if (!DIGEST.test(digest)) {
    return `${shown(value)}: digest "${digest}" is not sha256: followed by 64 lower-case hex digits; ${EXPECTED}`;
  }
  return {
    reference: value,
    account: registry[1] as string,
    region: registry[2] as string,
    repository: name,
    digest,
  };
}

const ImageSchema = z.pipe(
  z.string({ error: `expected a string: ${EXPECTED}` }),
  z.transform((value, ctx) => {
    const parsed = parseImageReference(value);
    if (typeof parsed === 'string') {
      ctx.issues.push({ code: 'custom', message: parsed, input: value });
      return z.NEVER;
    }
    return parsed;
  }),
);

/** The gate input's `release`: the images being deployed, pinned by digest, each once. */
export const ReleaseSchema = z
  .strictObject({
    /** The images being deployed, each `<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<hex>`. */
    images: z
      .array(ImageSchema)
      .check(
        z.minLength(1, 'expected at least one image (leave release out when the deployment has none)'),
        z.maxLength(MAX_RELEASE_IMAGES, `expected at most ${MAX_RELEASE_IMAGES} images`),
      ),
  })
  .check(
    z.superRefine((release, ctx) => {
      const seen = new Set<string>();
      release.images.forEach((image, index) => {
        const key = `${image.account}/${image.region}/${image.repository}@${image.digest}`;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['images', index],
            message: `${image.reference} is given twice; expected each image once`,
          });
        }
        seen.add(key);
      });
    }),
  );

/**
 * Problems of a release against where the service runs: every image must be in the environment's
 * account (the checks read only the audited account's registry, and a registry the deployer owns
 * elsewhere could report any scan it likes) and in one of its regions.
 */
export function releasePlacementProblems(
  release: Release,
  environment: { readonly name: string; readonly account?: string; readonly regions: readonly string[] },
): string[] {
  return release.images.flatMap((image, index) => [
    ...(environment.account !== undefined && image.account !== environment.account
      ? [
          `release.images.${index}: ${image.reference} is in account ${image.account}, not environment "${environment.name}"'s account ${environment.account}; expected an image of the account being deployed to (copy or replicate it there)`,
        ]
      : []),
    ...(environment.regions.length > 0 && !environment.regions.includes(image.region)
      ? [
          `release.images.${index}: ${image.reference} is in ${image.region}, not a region of environment "${environment.name}" (${environment.regions.join(', ')}); expected an image of a region being deployed to (replicate it there)`,
        ]
      : []),
  ]);
}
