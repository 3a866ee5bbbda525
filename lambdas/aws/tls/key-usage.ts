import { decodeOid, expectTag, readElement } from './signature-algorithm';

/*
 * What a certificate may be used for, read from its DER: the keyUsage (RFC 5280 4.2.1.3) and
 * extendedKeyUsage (4.2.1.12) extensions. node's X509Certificate gives neither bit by bit, and a
 * TLS client refuses a server certificate over either.
 */

const SEQUENCE = 0x30;
const OBJECT_IDENTIFIER = 0x06;
const BOOLEAN = 0x01;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
/** [3] EXPLICIT Extensions, in a v3 TBSCertificate. */
const EXTENSIONS = 0xa3;

const KEY_USAGE_OID = '2.5.29.15';
const EXTENDED_KEY_USAGE_OID = '2.5.29.37';

/** keyUsage bits in the order of RFC 5280's KeyUsage BIT STRING. */
const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** Names of the key purposes seen on TLS certificates (RFC 5280 4.2.1.12). */
const PURPOSE_NAMES: Readonly<Record<string, string>> = {
  '2.5.29.37.0': 'anyExtendedKeyUsage',
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

/** The two extensions; `null` where the certificate has none (then every use is allowed). */
export interface KeyUsages {
  /** keyUsage bit names, e.g. `digitalSignature`, `keyEncipherment`. */
  readonly keyUsage: readonly string[] | null;
  /** extendedKeyUsage purposes by name (`serverAuth`, `clientAuth`...), or dotted OID when unnamed. */
  readonly extendedKeyUsage: readonly string[] | null;
}

function keyUsageBits(der: Uint8Array, start: number): string[] {
  const bits = expectTag(readElement(der, start), BIT_STRING, 'keyUsage BIT STRING');
  // The first content byte counts the unused bits of the last; the bits follow, most significant first.
  const content = der.subarray(bits.start + 1, bits.end);
  return KEY_USAGE_BITS.filter((_, i) => ((content[i >> 3] ?? 0) & (0x80 >> (i % 8))) !== 0);
}

function purposes(der: Uint8Array, start: number): string[] {
  const list = expectTag(readElement(der, start), SEQUENCE, 'ExtKeyUsageSyntax SEQUENCE');
  const names: string[] = [];
  for (let offset = list.start; offset < list.end; ) {
    const oid = expectTag(readElement(der, offset), OBJECT_IDENTIFIER, 'KeyPurposeId');
    const dotted = decodeOid(der.subarray(oid.start, oid.end));
    names.push(PURPOSE_NAMES[dotted] ?? dotted);
    offset = oid.end;
  }
  return names;
}

/** The keyUsage and extendedKeyUsage of a DER certificate. Throws CertificateParseError on bad DER. */
export function keyUsagesOf(der: Uint8Array): KeyUsages {
  const certificate = expectTag(readElement(der, 0), SEQUENCE, 'Certificate SEQUENCE');
  const tbs = expectTag(readElement(der, certificate.start), SEQUENCE, 'tbsCertificate SEQUENCE');
  let keyUsage: string[] | null = null;
  let extendedKeyUsage: string[] | null = null;
  for (let offset = tbs.start; offset < tbs.end; ) {
    const field = readElement(der, offset);
    offset = field.end;
    if (field.tag !== EXTENSIONS) continue;
    const extensions = expectTag(readElement(der, field.start), SEQUENCE, 'Extensions SEQUENCE');
    for (let at = extensions.start; at < extensions.end; ) {
      const extension = expectTag(readElement(der, at), SEQUENCE, 'Extension SEQUENCE');
      at = extension.end;
      const oid = expectTag(readElement(der, extension.start), OBJECT_IDENTIFIER, 'extnID');
      const id = decodeOid(der.subarray(oid.start, oid.end));
      if (id !== KEY_USAGE_OID && id !== EXTENDED_KEY_USAGE_OID) continue;
      let value = readElement(der, oid.end);
      if (value.tag === BOOLEAN) value = readElement(der, value.end);
      expectTag(value, OCTET_STRING, 'extnValue OCTET STRING');
      if (id === KEY_USAGE_OID) keyUsage = keyUsageBits(der, value.start);
      else extendedKeyUsage = purposes(der, value.start);
    }
  }
  return { keyUsage, extendedKeyUsage };
}
