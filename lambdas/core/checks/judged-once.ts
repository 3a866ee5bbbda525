import type { Finding } from '../findings';

/**
 * The findings without repeats. A listing that moves while it is read (a page token over a changing
 * set), or two listings that both return a resource, hand a check the same resource twice; judged
 * twice, it would count twice in the report, the item and the verdict. A finding equal in every field
 * to one before it is dropped; two different judgements of one resource (it changed between the two
 * answers) are both kept, so the worse one still counts.
 */
export function judgedOnce(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify(finding);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
