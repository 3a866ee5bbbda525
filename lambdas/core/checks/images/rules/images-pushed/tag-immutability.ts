import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { imagesPushedFinding } from '../../finding';
import type { Lookup, Repository } from '../../ports';

/**
 * `tag-immutability`: the repository's tags cannot be moved to another image (`IMMUTABLE`). A
 * mutable repository, or one immutable with exclusions (the excluded tags move): FAIL, or WARN
 * without `requireImmutableTags`. A missing repository is the `image` rule's FAIL; unreadable: ERROR.
 */
export function judgeTagImmutability(
  arn: string,
  repository: Outcome<Lookup<Repository>>,
  requireImmutableTags: boolean,
): Finding[] {
  if (!repository.ok) return [errorFinding(imagesPushedFinding, 'tag-immutability', arn, repository.error)];
  if (!repository.value.found) return [];
  const repo = repository.value.value;
  const evidence = { repository: repo.name, tagMutability: repo.tagMutability };
  if (repo.tagMutability === 'IMMUTABLE') {
    return [
      imagesPushedFinding('tag-immutability', repo.arn, {
        status: 'PASS',
        message: `${repo.name}'s tags are immutable.`,
        evidence,
      }),
    ];
  }
  return [
    imagesPushedFinding('tag-immutability', repo.arn, {
      status: requireImmutableTags ? 'FAIL' : 'WARN',
      message: `${repo.name}'s tags are ${repo.tagMutability}: a tag can be pointed at another image after it was scanned.`,
      remediation: `aws ecr put-image-tag-mutability --repository-name ${repo.name} --image-tag-mutability IMMUTABLE`,
      evidence,
    }),
  ];
}
