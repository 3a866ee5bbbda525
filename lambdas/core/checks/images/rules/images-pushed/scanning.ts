import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { imagesPushedFinding } from '../../finding';
import type { Lookup, RegistryScanning, Repository } from '../../ports';

/** An ECR scanning filter (`*` matches any characters, the rest literally) against a repository name. */
export function filterMatches(filter: string, name: string): boolean {
  const pattern = filter
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

/**
 * `scanning`: every image pushed to the repository is scanned. Enhanced scanning: a registry rule
 * with `SCAN_ON_PUSH` or `CONTINUOUS_SCAN` whose filter matches it. Basic: a registry scan-on-push
 * rule that matches it, or the repository's own scan-on-push. Otherwise FAIL (WARN without
 * `requireScanning`). A missing repository is the `image` rule's FAIL; unreadable: ERROR.
 */
export function judgeScanning(
  arn: string,
  registry: RegistryScanning,
  repository: Outcome<Lookup<Repository>>,
  requireScanning: boolean,
): Finding[] {
  if (!repository.ok) return [errorFinding(imagesPushedFinding, 'scanning', arn, repository.error)];
  if (!repository.value.found) return [];
  const repo = repository.value.value;
  const enhanced = registry.scanType === 'ENHANCED';
  const frequencies = enhanced ? ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'] : ['SCAN_ON_PUSH'];
  const rule = registry.rules.find(
    (r) => frequencies.includes(r.scanFrequency) && r.filters.some((f) => filterMatches(f, repo.name)),
  );
  const evidence = {
    repository: repo.name,
    scanType: registry.scanType,
    ...(rule === undefined ? {} : { rule: { scanFrequency: rule.scanFrequency, filters: rule.filters } }),
    ...(enhanced ? {} : { repositoryScanOnPush: repo.scanOnPush }),
  };
  if (rule !== undefined || (!enhanced && repo.scanOnPush)) {
    return [
      imagesPushedFinding('scanning', repo.arn, {
        status: 'PASS',
        message: `${repo.name}'s images are scanned: ${enhanced ? 'enhanced' : 'basic'} scanning, ${rule?.scanFrequency ?? 'SCAN_ON_PUSH'}.`,
        evidence,
      }),
    ];
  }
  return [
    imagesPushedFinding('scanning', repo.arn, {
      status: requireScanning ? 'FAIL' : 'WARN',
      message: `${repo.name}'s images are not scanned on push: ${enhanced ? 'no enhanced scanning rule of the registry matches it' : 'neither a registry scan-on-push rule nor the repository scans them'}.`,
      remediation: enhanced
        ? `Add a registry scanning rule (CONTINUOUS_SCAN or SCAN_ON_PUSH) whose filter matches ${repo.name}: aws ecr put-registry-scanning-configuration.`
        : `aws ecr put-image-scanning-configuration --repository-name ${repo.name} --image-scanning-configuration scanOnPush=true (or turn on enhanced scanning).`,
      evidence,
    }),
  ];
}
