import { generateKeyPairSync, sign } from 'node:crypto';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import forge from 'node-forge';

/** An RSA key pair usable both by node:tls (PEM) and by node-forge (for signing). */
export interface TestKey {
  readonly privateKeyPem: string;
  readonly bits: number;
  readonly forgePrivate: forge.pki.rsa.PrivateKey;
  readonly forgePublic: forge.pki.rsa.PublicKey;
}

/** A generated certificate with the key that goes with it. */
export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly key: TestKey;
  readonly cert: forge.pki.Certificate;
}

/** What a generated certificate says; dates are absolute so tests can pin them to their own `now`. */
export interface CertificateSpec {
  readonly key: TestKey;
  readonly commonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DNS names and IP addresses for the subjectAltName extension. @default none */
  readonly altNames?: readonly string[];
  /** Digest of the signature. @default 'sha256' */
  readonly hash?: 'sha1' | 'sha256';
  /** Signer; @default self-signed */
  readonly issuer?: TestCertificate;
  /** Marks the certificate as a CA (basicConstraints cA, keyCertSign). @default false */
  readonly isCa?: boolean;
  /** A leaf's extendedKeyUsage purposes; an empty list leaves the extension out. @default ['serverAuth'] */
  readonly extKeyUsage?: readonly ('serverAuth' | 'clientAuth' | 'codeSigning')[];
  /** A CA's extendedKeyUsage purposes. @default none (the extension left out) */
  readonly caExtKeyUsage?: readonly ('serverAuth' | 'clientAuth' | 'emailProtection')[];
  /** A leaf's keyUsage bits. @default ['digitalSignature', 'keyEncipherment'] */
  readonly keyUsage?: readonly ('digitalSignature' | 'keyEncipherment' | 'keyAgreement')[];
}

const DAY_MS = 86_400_000;

/** `now` shifted by whole days, for notBefore/notAfter. */
export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/**
 * Generates an RSA key with node:crypto (native, fast: forge's pure-JS 2048-bit generation takes
 * seconds) and hands it to forge through PEM. Generate a couple per test file and reuse them.
 */
export function generateRsaKey(bits = 2048): TestKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgePrivate = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const forgePublic = forge.pki.setRsaPublicKey(forgePrivate.n, forgePrivate.e);
  return { privateKeyPem: privateKey, bits, forgePrivate, forgePublic };
}

let serial = 1;

function altName(name: string): { type: number; value?: string; ip?: string } {
  return /^[\d.]+$|:/.test(name) ? { type: 7, ip: name } : { type: 2, value: name };
}

/**
 * What forge's `cert.sign(key, md)` does, with node:crypto's RSA signature in place of forge's
 * pure-JavaScript one: the same PKCS#1 v1.5 bytes (the scheme is deterministic), for about 1 ms of
 * CPU instead of 40 per certificate.
 */
function signCertificate(cert: forge.pki.Certificate, signer: TestKey, hash: 'sha1' | 'sha256'): void {
  cert.md = hash === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create();
  const algorithmOid = forge.pki.oids[`${hash}WithRSAEncryption`];
  if (algorithmOid === undefined) throw new Error(`forge knows no OID for ${hash}WithRSAEncryption`);
  cert.signatureOid = algorithmOid;
  cert.siginfo.algorithmOid = algorithmOid;
  // Typed out of @types/node-forge, but exported by node-forge's x509 module.
  cert.tbsCertificate = (
    forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign(hash, tbs, signer.privateKeyPem).toString('binary');
}

/** Creates a certificate as specified: a CA, a self-signed leaf, or a leaf signed by `issuer`. */
export function createCertificate(spec: CertificateSpec): TestCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = spec.key.forgePublic;
  serial += 1;
  cert.serialNumber = serial.toString(16).padStart(4, '0');
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const subject = [{ name: 'commonName', value: spec.commonName }];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer === undefined ? subject : spec.issuer.cert.subject.attributes);
  const extensions: object[] = spec.isCa
    ? [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
        ...(spec.caExtKeyUsage === undefined
          ? []
          : [{ name: 'extKeyUsage', ...Object.fromEntries(spec.caExtKeyUsage.map((use) => [use, true])) }]),
      ]
    : [
        { name: 'basicConstraints', cA: false },
        {
          name: 'keyUsage',
          ...Object.fromEntries(
            (spec.keyUsage ?? ['digitalSignature', 'keyEncipherment']).map((bit) => [bit, true]),
          ),
        },
        ...((spec.extKeyUsage ?? ['serverAuth']).length === 0
          ? []
          : [
              {
                name: 'extKeyUsage',
                ...Object.fromEntries((spec.extKeyUsage ?? ['serverAuth']).map((use) => [use, true])),
              },
            ]),
      ];
  if (spec.altNames !== undefined && spec.altNames.length > 0) {
    extensions.push({ name: 'subjectAltName', altNames: spec.altNames.map(altName) });
  }
  cert.setExtensions(extensions);
  signCertificate(cert, spec.issuer?.key ?? spec.key, spec.hash ?? 'sha256');
  return { certPem: forge.pki.certificateToPem(cert), keyPem: spec.key.privateKeyPem, key: spec.key, cert };
}

/** A CA valid from a year ago for ten years, signed with SHA-256. */
export function createTestCa(
  key: TestKey,
  now: Date,
  commonName = 'Preflight Test Root CA',
): TestCertificate {
  return createCertificate({
    key,
    commonName,
    notBefore: daysFrom(now, -365),
    notAfter: daysFrom(now, 3650),
    isCa: true,
  });
}

/** A local server for probes; `close` it in `afterAll`. */
export interface LocalServer {
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: Server, host = '127.0.0.1'): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A TLS server on `host` (127.0.0.1 unless told, `::1` for IPv6) serving `chainPem` (leaf first).
 * Security level 0 lets OpenSSL 3 load SHA-1 or 1024-bit certificates and speak TLS 1.0/1.1 when
 * `tls` asks for it.
 */
export function startTlsServer(
  keyPem: string,
  chainPem: string,
  options: TlsOptions = {},
  host = '127.0.0.1',
): Promise<LocalServer> {
  const server = createTlsServer(
    { key: keyPem, cert: chainPem, ciphers: 'DEFAULT@SECLEVEL=0', ...options },
    (socket) => socket.end(),
  );
  // Probes hang up right after the handshake; that is not a server problem.
  server.on('tlsClientError', () => {});
  return listen(server, host);
}

/** Whether this machine can listen on the IPv6 loopback (`::1`); some containers have no IPv6. */
export async function hasIpv6Loopback(): Promise<boolean> {
  const server = createServer();
  return new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });
}

/** A plain TCP server that answers like an HTTP server, or says nothing when `silent`. */
export function startPlainServer(silent = false): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (!silent) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
  });
  return listen(server).then((local) => ({
    port: local.port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return local.close();
    },
  }));
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = await listen(createServer());
  await server.close();
  return server.port;
}
