import type { FindingStatus } from '../../findings';
import type { PresentedCertificate } from './ports';

/**
 * What the CA/Browser Forum baseline requirements (6.1.5) accept for a certificate key, and what
 * browsers verify: RSA of at least `minRsaBits`, ECDSA on P-256, P-384 or P-521. EdDSA (Ed25519,
 * Ed448; RFC 8410) is sound, and OpenSSL and Go speak it, but no browser accepts it in a certificate
 * and no public CA issues it: such a chain fails for the clients that matter most.
 */
const ACCEPTED_CURVES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

/** NIST names of other curves OpenSSL names differently, for messages. */
const OTHER_CURVE_NAMES: Readonly<Record<string, string>> = { prime192v1: 'P-192', secp224r1: 'P-224' };

/** One certificate's key, judged: the phrase after "has" and the status it earns. */
export interface KeyJudgement {
  readonly status: Exclude<FindingStatus, 'SKIPPED'>;
  /** "a 2048-bit RSA key", "an EC P-256 key", "a 1024-bit DSA key: DSA is not allowed..." */
  readonly says: string;
}

const bits = (cert: PresentedCertificate) => (cert.keyBits === null ? '' : `${cert.keyBits}-bit `);

/**
 * Judges the key of one certificate. Every key is named; a key this judgement does not know is a
 * WARN with its algorithm, never a PASS, and an unreadable key an ERROR.
 */
export function judgeKey(cert: PresentedCertificate, minRsaBits: number): KeyJudgement {
  switch (cert.keyType) {
    case null:
      return { status: 'ERROR', says: 'a key that could not be read' };
    case 'rsa':
      if (cert.keyBits === null) return { status: 'WARN', says: 'an RSA key whose size could not be read' };
      return cert.keyBits < minRsaBits
        ? { status: 'FAIL', says: `a ${cert.keyBits}-bit RSA key, under the ${minRsaBits}-bit minimum` }
        : { status: 'PASS', says: `a ${cert.keyBits}-bit RSA key` };
    case 'dsa':
      return {
        status: 'FAIL',
        says: `a ${bits(cert)}DSA key: DSA is not allowed by the CA/Browser Forum baseline (RSA or ECDSA only), NIST no longer approves it for signatures (FIPS 186-5), and browsers refuse it`,
      };
    case 'ec': {
      const curve = cert.keyCurve;
      if (curve === null)
        return { status: 'WARN', says: 'an EC key on a curve that could not be read (explicit parameters?)' };
      const accepted = ACCEPTED_CURVES[curve];
      if (accepted !== undefined) return { status: 'PASS', says: `an EC ${accepted} key` };
      const nist = OTHER_CURVE_NAMES[curve];
      return {
        status: 'FAIL',
        says: `an EC key on curve ${curve}${nist === undefined ? '' : ` (${nist})`}, not P-256, P-384 or P-521: the CA/Browser Forum baseline allows only those, and TLS clients refuse others`,
      };
    }
    case 'ed25519':
    case 'ed448':
      return {
        status: 'FAIL',
        says: `an ${cert.keyType === 'ed25519' ? 'Ed25519' : 'Ed448'} key: no browser accepts EdDSA certificates (Chrome, Firefox and Safari refuse the handshake) and the CA/Browser Forum baseline allows only RSA and ECDSA`,
      };
    default:
      return {
        status: 'WARN',
        says: `a key of algorithm ${cert.keyType}, which this check cannot judge (it knows RSA, DSA, EC and EdDSA keys)`,
      };
  }
}

/** "The certificate", `Chain certificate "CN=…"`, `Root certificate "CN=…"`: who a sentence is about. */
export function certificateName(cert: PresentedCertificate, index: number): string {
  if (index === 0) return 'The certificate';
  return `${cert.selfSigned ? 'Root' : 'Chain'} certificate "${cert.subject}"`;
}
