import { isIP } from 'node:net';
import tls from 'node:tls';

/**
 * Why the leaf is not valid for `servername`, or `null`. node still falls back to the subject's
 * common name when a certificate has no DNS subjectAltName; browsers (Chrome 58+), Go 1.15+ and
 * RFC 6125 do not, so such a certificate fails for every client that matters.
 */
export function identityErrorOf(servername: string, peer: tls.PeerCertificate): string | null {
  const names = (peer.subjectaltname ?? '').split(', ').filter((name) => name !== '');
  const dnsNames = names.filter((name) => name.startsWith('DNS:'));
  if (isIP(servername) !== 0 && !names.some((name) => name.startsWith('IP Address:'))) {
    return `it names no IP address (its names: ${names.length === 0 ? 'none' : names.join(', ')}), and clients connecting by IP match only IP address subjectAltNames`;
  }
  if (isIP(servername) === 0 && dnsNames.length === 0) {
    const cn = peer.subject?.CN;
    return `the certificate has no subjectAltName DNS name${cn === undefined ? '' : ` (only the common name "${[cn].flat().join('", "')}")`}, and clients ignore the common name (RFC 6125; Chrome 58+, Go 1.15+)`;
  }
  const error = tls.checkServerIdentity(servername, peer)?.message ?? null;
  if (error !== null || isIP(servername) !== 0) return error;
  // node also matches a wildcard inside a label (`sh*.example.com`); browsers and Go take `*` only
  // as a whole leftmost label, so a name only such a pattern covers fails for them.
  const partial = dnsNames.filter((name) => name.includes('*') && !/^DNS:\*\.[^*]+$/.test(name));
  if (partial.length === 0) return null;
  const kept = names.filter((name) => !partial.includes(name));
  // With no DNS name left, node would fall back to the common name, which clients ignore.
  const coveredWithout =
    kept.some((name) => name.startsWith('DNS:')) &&
    tls.checkServerIdentity(servername, { ...peer, subjectaltname: kept.join(', ') }) === undefined;
  if (coveredWithout) return null;
  return `${partial.map((name) => JSON.stringify(name.slice(4))).join(', ')} ${partial.length === 1 ? 'is a partial-label wildcard' : 'are partial-label wildcards'}, which browsers and Go refuse: only a whole leftmost label may be "*"`;
}
