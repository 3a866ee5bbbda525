import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate } from '../../../lambdas/aws/tls/chain';
import {
  CertificateParseError,
  decodeOid,
  signatureAlgorithmOf,
} from '../../../lambdas/aws/tls/signature-algorithm';
import {
  createCertificate,
  createTestCa,
  daysFrom,
  generateRsaKey,
  type TestKey,
} from '../../support/tls-certs';
import {
  createAnyKeyCertificate,
  generateAnyKey,
  issuerOf,
  unknownAlgorithmSpki,
} from '../../support/tls-key-types';

const now = new Date('2026-03-01T12:00:00Z');
let key: TestKey;

beforeAll(() => {
  key = generateRsaKey();
});

function der(hash: 'sha1' | 'sha256'): Uint8Array {
  const cert = createCertificate({
    key,
    commonName: 'sig.preflight.test',
    notBefore: daysFrom(now, -1),
    notAfter: daysFrom(now, 30),
    hash,
  });
  return new X509Certificate(cert.certPem).raw;
}

describe('signatureAlgorithmOf', () => {
  it.each([
    ['sha256', '1.2.840.113549.1.1.11', 'sha256WithRSAEncryption'],
    ['sha1', '1.2.840.113549.1.1.5', 'sha1WithRSAEncryption'],
  ] as const)('reads a %s signature', (hash, oid, name) => {
    expect(signatureAlgorithmOf(der(hash))).toEqual({ oid, name });
  });

  it('gives the OID and no name for an algorithm it does not know', () => {
    // A certificate whose outer signatureAlgorithm is 1.2.3.4 (never a real algorithm).
    const asn1 = forge.asn1;
    const bytes = forge.asn1
      .toDer(
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, []),
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
            asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.2.3.4').getBytes()),
          ]),
        ]),
      )
      .getBytes();

    expect(signatureAlgorithmOf(Buffer.from(bytes, 'binary'))).toEqual({ oid: '1.2.3.4', name: null });
  });

  it.each([
    ['empty input', new Uint8Array([])],
    ['not a SEQUENCE', new Uint8Array([0x02, 0x01, 0x00])],
    ['a length past the end', new Uint8Array([0x30, 0x82, 0x10, 0x00, 0x30])],
  ])('rejects %s with CertificateParseError', (_, bytes) => {
    expect(() => signatureAlgorithmOf(bytes)).toThrow(CertificateParseError);
  });
});

describe('decodeOid', () => {
  it.each([
    [[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b], '1.2.840.113549.1.1.11'],
    [[0x2b, 0x65, 0x70], '1.3.101.112'],
    [[0x55, 0x04, 0x03], '2.5.4.3'],
  ])('decodes %j as %s', (bytes, dotted) => {
    expect(decodeOid(new Uint8Array(bytes))).toBe(dotted);
  });
});

describe('describeCertificate reads every key', () => {
  const issuer = () => issuerOf(createTestCa(key, now));
  const dates = { notBefore: daysFrom(now, -1), notAfter: daysFrom(now, 30) };

  it('names the algorithm of a key node cannot load by its OID, instead of throwing', () => {
    const cert = createAnyKeyCertificate({
      key: { spki: unknownAlgorithmSpki() },
      commonName: 'x',
      issuer: issuer(),
      ...dates,
    });

    expect(describeCertificate(new X509Certificate(cert.certPem))).toMatchObject({
      keyType: '1.3.6.1.4.1.55555.1.1',
      keyBits: null,
      keyCurve: null,
    });
  });

  it.each([
    {
      kind: { type: 'ec', curve: 'secp256k1' },
      expected: { keyType: 'ec', keyBits: 256, keyCurve: 'secp256k1' },
    },
    {
      kind: { type: 'ec', curve: 'prime192v1' },
      expected: { keyType: 'ec', keyBits: 192, keyCurve: 'prime192v1' },
    },
    { kind: { type: 'dsa', bits: 1024 }, expected: { keyType: 'dsa', keyBits: 1024, keyCurve: null } },
    { kind: { type: 'ed448' }, expected: { keyType: 'ed448', keyBits: 456, keyCurve: null } },
  ] as const)('reads $kind.type $kind.curve keys with their size and curve', ({ kind, expected }) => {
    const cert = createAnyKeyCertificate({
      key: generateAnyKey(kind),
      commonName: 'x',
      issuer: issuer(),
      ...dates,
    });

    expect(describeCertificate(new X509Certificate(cert.certPem))).toMatchObject(expected);
  });
});
