import { describe, expect, it } from 'vitest';
import { AuditInputError, acceptAuditInput } from '../../../lambdas/core/audit-input';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { MAX_RELEASE_IMAGES, parseImageReference } from '../../../lambdas/core/release';

/** When the run starts (a commit time after it is refused). */
const STARTED_AT = Date.parse('2026-11-26T10:00:00Z');

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const REF = `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api@${DIGEST}`;

const services = validateConfig({
  environments: { prod: { account: '111122223333', regions: ['eu-west-1', 'us-east-1'] } },
  services: { 'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } } },
});
const gate = (images: unknown, extra: Record<string, unknown> = {}) => ({
  service: 'orders-api',
  environment: 'prod',
  release: { images },
  ...extra,
});

function problemsOf(input: unknown, config = services): readonly string[] {
  try {
    acceptAuditInput(input, config, 'run-1', STARTED_AT);
  } catch (error) {
    if (error instanceof AuditInputError) return error.problems;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('parseImageReference', () => {
  it('reads the account, region, repository (with path) and digest of a full ECR reference', () => {
    expect(
      parseImageReference(`111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/orders-api@${DIGEST}`),
    ).toEqual({
      reference: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/orders-api@${DIGEST}`,
      account: '111122223333',
      region: 'eu-west-1',
      repository: 'team/orders-api',
      digest: DIGEST,
    });
  });

  it.each([
    [
      'a tag instead of a digest',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api:1.42.0`,
      /pinned by tag "1\.42\.0": pin the digest: a tag can move between scan and deploy/,
    ],
    [
      'a tag and a digest',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api:1.42.0@${DIGEST}`,
      /both a tag \("1\.42\.0"\) and a digest/,
    ],
    ['no tag and no digest', '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api', /has no digest/],
    [
      'Docker Hub',
      `docker.io/library/nginx@${DIGEST}`,
      /registry "docker.io" is not an Amazon ECR private registry/,
    ],
    [
      'a registry posing as ECR',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com.evil.example/x@${DIGEST}`,
      /is not an Amazon ECR private registry/,
    ],
    ['ECR Public', `public.ecr.aws/nginx/nginx@${DIGEST}`, /is not an Amazon ECR private registry/],
    [
      'a short account',
      `11112222333.dkr.ecr.eu-west-1.amazonaws.com/x1@${DIGEST}`,
      /is not an Amazon ECR private registry/,
    ],
    ['a scheme', `https://111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders@${DIGEST}`, /has a scheme/],
    ['no registry', `orders-api@${DIGEST}`, /names no registry/],
    [
      'shell injection in the repository',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders;rm@${DIGEST}`,
      /repository "orders;rm" is not an ECR repository name/,
    ],
    [
      'a command substitution',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/$(id)@${DIGEST}`,
      /is not an ECR repository name/,
    ],
    [
      'a path traversal',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/../orders@${DIGEST}`,
      /is not an ECR repository name/,
    ],
    [
      'upper case in the repository',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/Orders@${DIGEST}`,
      /is not an ECR repository name/,
    ],
    [
      'a space',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders @${DIGEST}`,
      /holds spaces, control or quote characters/,
    ],
    [
      'a newline',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders@${DIGEST}\nx`,
      /holds spaces, control or quote characters/,
    ],
    [
      'a short digest',
      '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:abc',
      /digest "sha256:abc" is not sha256: followed by 64 lower-case hex/,
    ],
    [
      'an upper-case digest',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:${'AB'.repeat(32)}`,
      /is not sha256: followed by 64 lower-case hex/,
    ],
    [
      'another algorithm',
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders@sha512:${'ab'.repeat(64)}`,
      /is not sha256:/,
    ],
    ['a huge value', `${'a'.repeat(600)}`, /too long \(600 characters\)/],
  ])('refuses %s, saying what is wrong and what is expected', (_case, value, message) => {
    const problem = parseImageReference(value);
    expect(problem).toMatch(message);
    expect(problem).toMatch(
      /<account>\.dkr\.ecr\.<region>\.amazonaws\.com\/<repository>@sha256:<64 hex digits>/,
    );
  });
});

describe('acceptAuditInput: release', () => {
  it('hands the parsed release to the check tasks and to the run', () => {
    const audit = acceptAuditInput(gate([REF]), services, 'run-1', STARTED_AT);
    const image = {
      reference: REF,
      account: '111122223333',
      region: 'eu-west-1',
      repository: 'orders-api',
      digest: DIGEST,
    };
    expect(audit.release).toEqual({ images: [image] });
    expect(audit.checkTarget.release).toEqual({ images: [image] });
    expect(audit.checkIds).toEqual(expect.arrayContaining(['image-scans', 'images-pushed']));
  });

  it('leaves the release out when none is given', () => {
    const audit = acceptAuditInput(
      { service: 'orders-api', environment: 'prod' },
      services,
      'run-1',
      STARTED_AT,
    );
    expect(audit.release).toBeUndefined();
    expect(audit.checkTarget).not.toHaveProperty('release');
  });

  it.each([
    [
      'a tag',
      [`111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api:latest`],
      /^release\.images\.0: .*pin the digest: a tag can move between scan and deploy/,
    ],
    ['the same image twice', [REF, REF], /^release\.images\.1: .* is given twice; expected each image once$/],
    ['no image', [], /^release\.images: got \[\]; expected at least one image/],
    [
      'too many images',
      Array.from({ length: MAX_RELEASE_IMAGES + 1 }, (_, i) => REF.replace('orders-api', `svc-${i}`)),
      /^release\.images: got \[.*\.\.\.; expected at most 50 images$/,
    ],
    ['a number', [42], /^release\.images\.0: got 42; expected a string/],
    [
      'an image of another account',
      [REF.replace('111122223333', '999988887777')],
      /^release\.images\.0: .* is in account 999988887777, not environment "prod"'s account 111122223333/,
    ],
    [
      'an image of another region',
      [REF.replace('eu-west-1', 'ap-south-1')],
      /^release\.images\.0: .* is in ap-south-1, not a region of environment "prod" \(eu-west-1, us-east-1\)/,
    ],
  ])('refuses %s, naming the field', (_case, images, message) => {
    expect(problemsOf(gate(images))).toContainEqual(expect.stringMatching(message));
  });

  it('refuses unknown keys of the release', () => {
    expect(problemsOf({ ...gate([REF]), release: { images: [REF], tags: ['latest'] } })).toContainEqual(
      expect.stringMatching(/^release\.tags: unknown field/),
    );
  });

  it('refuses a release in a scheduled audit: it judges no deployment', () => {
    expect(problemsOf(gate([REF], { mode: 'scheduled' }))).toContainEqual(
      expect.stringMatching(/^release: a scheduled audit takes no release/),
    );
  });

  it('takes an image of any account when the environment names none: the check compares it with the registry it reads', () => {
    const implicit = validateConfig({});
    const audit = acceptAuditInput(
      { release: { images: [REF.replace('111122223333', '999988887777')] } },
      implicit,
      'r',
      STARTED_AT,
    );
    expect(audit.checkTarget.release?.images[0]?.account).toBe('999988887777');
  });
});
