import { type Finding, worstStatus } from '../../../../findings';
import { endpointFinding } from '../../finding';
import { certificateName, judgeKey } from '../../key-strength';
import type { ProbeConnected } from '../../ports';

/**
 * The key of every certificate presented, leaf, intermediates and root alike (a root's key signs
 * the intermediate: a weak one weakens the whole chain), judged by `judgeKey`. One finding, as bad
 * as the worst key, naming each certificate that is not accepted and why.
 */
export function evaluateChainKeys(resource: string, probe: ProbeConnected, minRsaBits: number): Finding {
  const judged = probe.chain.map((cert, index) => ({ cert, index, ...judgeKey(cert, minRsaBits) }));
  const leaf = probe.chain[0];
  const evidence = {
    keyType: leaf?.keyType ?? null,
    keyBits: leaf?.keyBits ?? null,
    keyCurve: leaf?.keyCurve ?? null,
    minRsaBits,
    chain: judged.map(
      ({ cert, index, status, says }) => `${status} ${certificateName(cert, index)}: ${says}`,
    ),
  };
  const status = worstStatus(judged.map((j) => j.status)) ?? 'ERROR';
  if (status === 'PASS') {
    const first = judged[0];
    return endpointFinding('key-size', resource, {
      status,
      message: `The certificate has ${first?.says ?? 'no key'}.`,
      evidence,
    });
  }
  const problems = judged.filter((j) => j.status !== 'PASS');
  const sentences = problems.map(({ cert, index, says }) => `${certificateName(cert, index)} has ${says}.`);
  const leafProblem = problems.some((p) => p.index === 0);
  const chainProblem = problems.some((p) => p.index > 0);
  const fixes = [
    ...(leafProblem
      ? [
          `Reissue the certificate with an RSA key of at least ${minRsaBits} bits or an EC P-256 or P-384 key.`,
        ]
      : []),
    ...(chainProblem
      ? [
          `Serve your CA's current chain (RSA of at least ${minRsaBits} bits, or EC P-256/P-384); if its root has such a key, move to a CA whose root does not.`,
        ]
      : []),
  ];
  return endpointFinding('key-size', resource, {
    status,
    message: status === 'ERROR' ? `Could not evaluate: ${sentences.join(' ')}` : sentences.join(' '),
    remediation:
      status === 'ERROR'
        ? 'Inspect the certificate (openssl s_client -showcerts) and report it to the Preflight maintainers.'
        : fixes.join(' '),
    evidence,
  });
}
