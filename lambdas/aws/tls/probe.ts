import type { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { domainToASCII } from 'node:url';
import type {
  ClientCertificateRequest,
  LegacyProtocols,
  ProbeConnected,
  ProbeFailed,
  ProbeResult,
  ProbeTarget,
} from '../../core/checks/tls/ports';
import { describeCertificate, walkPeerChain } from './chain';
import { identityErrorOf } from './identity';
import { anchorCertificates, judgeTrust, splitPemBundle, trustedFirstPath } from './trust';

/**
 * The probe accepts what a careless server offers (TLS 1.0, SHA-1, 1024-bit keys) so that it can
 * report it; it never sends data, and every weakness is judged afterwards by the domain rules.
 */
const PERMISSIVE = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;

type Failure = Pick<ProbeFailed, 'reason' | 'code' | 'message'>;

function failed(failure: Failure): ProbeFailed {
  return { outcome: 'failed', ...failure };
}

/**
 * The reason in an OpenSSL error line (`...:error:0A00010B:SSL routines:<function>:wrong version
 * number:<file>:77:` and a newline), so a finding says what happened in one line; other messages trimmed.
 */
function opensslReason(message: string): string {
  return /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/.exec(message)?.[1] ?? message.trim();
}

/**
 * OpenSSL's errors for an answer whose first bytes are no TLS record (an HTTP response, an SSH
 * banner): the port speaks another protocol.
 */
const NOT_TLS_ANSWERS: ReadonlySet<string> = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNKNOWN_PROTOCOL',
]);

/** Sorts a socket error into why no handshake happened. */
export function classifySocketError(error: NodeJS.ErrnoException): Failure {
  const code = error.code ?? error.name;
  const message = opensslReason(error.message);
  if (code === 'ECONNREFUSED') return { reason: 'refused', code, message };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'dns', code, message };
  if (code === 'ETIMEDOUT') return { reason: 'timeout', code, message };
  // The probe sends nothing but its handshake: a connection cut after it was made was cut by the handshake.
  if (/before secure TLS connection/.test(message)) {
    return {
      reason: 'handshake',
      code,
      message:
        'the server closed the connection during the TLS handshake, without a TLS alert (not a TLS endpoint, or one that refuses this client)',
    };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return {
      reason: 'handshake',
      code,
      message: `the server reset the connection during the TLS handshake (${code}): not a TLS endpoint, or one that refuses this client`,
    };
  }
  if (NOT_TLS_ANSWERS.has(code)) {
    return {
      reason: 'handshake',
      code,
      message: `not a TLS endpoint: the server answered the TLS ClientHello with something that is not TLS (plain HTTP or another protocol on this port): ${message}`,
    };
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    return { reason: 'handshake', code, message: `not a TLS endpoint or the handshake failed: ${message}` };
  }
  return { reason: 'network', code, message };
}

/** A CA bundle is a few hundred kilobytes at most (the whole Mozilla store is about 250 KiB). */
const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * Reads the CA bundle, a regular file of at most 1 MiB: a device or a pipe (`/dev/zero`,
 * `/dev/stdin`) would be read forever, before the handshake's timeout even starts.
 */
async function loadCaBundle(caFile: string): Promise<string[] | Failure> {
  try {
    const info = await stat(caFile);
    if (!info.isFile()) {
      return {
        reason: 'config',
        code: 'CA_FILE_NOT_A_FILE',
        message: `CA file ${caFile} is not a regular file`,
      };
    }
    if (info.size > MAX_CA_FILE_BYTES) {
      return {
        reason: 'config',
        code: 'CA_FILE_TOO_LARGE',
        message: `CA file ${caFile} is larger than 1 MiB (${info.size} bytes): not a CA bundle`,
      };
    }
    const pems = splitPemBundle(await readFile(caFile, 'utf8'));
    if (pems.length === 0)
      return { reason: 'config', code: 'CA_FILE_EMPTY', message: `no PEM certificate in ${caFile}` };
    return pems;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'CA_FILE_UNREADABLE';
    return { reason: 'config', code, message: `cannot read CA file ${caFile}: ${(error as Error).message}` };
  }
}

/** OpenSSL's verification error code, as node gives it (typed as Error, sometimes a string). */
function verificationCode(error: unknown): string | null {
  if (error === undefined || error === null) return null;
  return typeof error === 'string' ? error : ((error as { code?: string }).code ?? String(error));
}

function authorizationErrorOf(socket: tls.TLSSocket): string | null {
  return verificationCode(socket.authorizationError);
}

/**
 * The chain's verification result while the handshake is still under way (node sets
 * `authorizationError` only once it completes): what node itself reads on `secureConnect`.
 */
function pendingVerificationOf(socket: tls.TLSSocket): string | null {
  const handle = (socket as unknown as { _handle?: { verifyError?: () => unknown } })._handle;
  if (typeof handle?.verifyError !== 'function') return 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
  return verificationCode(handle.verifyError());
}

/**
 * Whether the server asked for a client certificate: OpenSSL shares signature algorithms with the
 * server only from its CertificateRequest, so a client that was not asked has none.
 */
function clientCertificateAsked(socket: tls.TLSSocket): boolean {
  return socket.getSharedSigalgs().length > 0;
}

/** What the first handshake shows; the legacy protocols are asked for afterwards. */
type FirstHandshake = Omit<ProbeConnected, 'legacy'> | ProbeFailed;

function inspect(
  socket: tls.TLSSocket,
  servername: string,
  anchors: () => readonly X509Certificate[],
  authorizationError: string | null,
): FirstHandshake {
  const peer = socket.getPeerCertificate(true);
  if (peer.raw === undefined) {
    return failed({
      reason: 'handshake',
      code: 'NO_CERTIFICATE',
      message: 'the server presented no certificate',
    });
  }
  const chain = trustedFirstPath(walkPeerChain(peer), anchors());
  const identityError = identityErrorOf(servername, peer);
  return {
    outcome: 'connected',
    protocol: socket.getProtocol(),
    ...judgeTrust(authorizationError, chain, anchors),
    hostnameMatches: identityError === null,
    hostnameError: identityError,
    chain: chain.map(describeCertificate),
  };
}

/**
 * A DNS name as it goes on the wire, in SNI and to the resolver: A-labels (`bücher` is
 * `xn--bcher-kva`), lower case, without the root's trailing dot (RFC 6066 3: "without a trailing
 * dot"). A server that routes by SNI compares these bytes; it would answer `SHOP.EXAMPLE.COM.` or
 * raw UTF-8 with its default certificate. An IP address, or a name the URL standard refuses, as given.
 */
export function wireName(name: string): string {
  if (isIP(name) !== 0) return name;
  return domainToASCII(name.replace(/\.$/, '')) || name;
}

/** A host to resolve: A-labels, lower case; a trailing dot kept (an absolute name skips search domains). */
function resolvableName(host: string): string {
  return isIP(host) !== 0 ? host : domainToASCII(host) || host;
}

/** How to reach the endpoint: resolved by its A-labels, SNI by its wire name (none for an IP address). */
function connectOptions(target: ProbeTarget, servername: string, ca: readonly string[] | undefined) {
  return {
    host: resolvableName(target.host),
    port: target.port,
    // RFC 6066 forbids IP addresses as SNI; the certificate is still checked against the IP.
    ...(isIP(servername) === 0 ? { servername } : {}),
    ...PERMISSIVE,
    ...(ca === undefined ? {} : { ca: [...ca] }),
    // Judge, do not refuse: trust and identity are checked after the handshake and reported.
    rejectUnauthorized: false,
    // Asking for a stapled OCSP response makes node report the server's first flight (its
    // certificates, a CertificateRequest) before the handshake ends: a server that then refuses a
    // client without a certificate has still shown what it serves.
    requestOCSP: true,
    checkServerIdentity: () => undefined,
  };
}

/**
 * One TLS handshake that settles once: with `onConnect`'s answer, `onError`'s, or `onTimeout`'s
 * when neither came within `timeoutMs`. The socket is closed whichever settles it.
 */
function handshake<T>(
  options: tls.ConnectionOptions,
  timeoutMs: number,
  answers: {
    /** The server's first flight arrived (certificates, protocol chosen); settles when it answers. */
    readonly onServerFlight?: (socket: tls.TLSSocket) => T | undefined;
    readonly onConnect: (socket: tls.TLSSocket) => T;
    readonly onError: (error: NodeJS.ErrnoException) => T;
    readonly onTimeout: () => T;
  },
): Promise<T> {
  return new Promise<T>((resolve) => {
    let settled = false;
    const socket = tls.connect(options);
    const finish = (result: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(answers.onTimeout()), timeoutMs);
    socket.once('OCSPResponse', () => {
      const answer = answers.onServerFlight?.(socket);
      if (answer !== undefined) finish(answer);
    });
    socket.once('secureConnect', () => finish(answers.onConnect(socket)));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(answers.onError(error)));
  });
}

/**
 * A handshake refused at an IP address may be a server that picks its certificate by SNI and has none
 * for a client that sends no name (RFC 6066 allows no IP address in SNI).
 */
function withoutSniHint(failure: Failure): Failure {
  return {
    ...failure,
    message: `${failure.message} (no SNI was sent to an IP address: if the server chooses its certificate by name, give that name as servername)`,
  };
}

/** A certificate node cannot read ends the probe as a failed handshake, named. */
function readSafely(read: () => FirstHandshake): FirstHandshake {
  try {
    return read();
  } catch (error) {
    const err = error as Error;
    return failed({ reason: 'handshake', code: err.name, message: `unreadable certificate: ${err.message}` });
  }
}

/**
 * How long a TLS 1.3 client waits, once its side of the handshake is done, for the verdict of a
 * server that asked for a client certificate: the alert (or the session ticket) follows within a
 * round trip.
 */
const CLIENT_CERTIFICATE_VERDICT_MS = 1000;

/**
 * The first handshake, offering every protocol from TLS 1.0 up: what the server prefers and presents.
 * The probe sends no client certificate: a server that requires one (mutual TLS) refuses the session
 * after presenting its own certificate (TLS 1.2), or after the client has finished (TLS 1.3); either
 * way its certificate is reported, with the requirement.
 */
function firstHandshake(
  target: ProbeTarget,
  servername: string,
  ca: readonly string[] | undefined,
  anchors: () => readonly X509Certificate[],
): Promise<FirstHandshake> {
  return new Promise<FirstHandshake>((resolve) => {
    const started = Date.now();
    let settled = false;
    /** What the server presented, once its first flight arrived. */
    let presented: FirstHandshake | undefined;
    let asked = false;
    /** The TCP connection was made: a timeout is then the server's silence, not the network's. */
    let tcpConnected = false;
    let verdictTimer: NodeJS.Timeout | undefined;
    const socket = tls.connect(connectOptions(target, servername, ca));
    const finish = (result: FirstHandshake) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(verdictTimer);
      socket.destroy();
      resolve(result);
    };
    const withRequest = (request: ClientCertificateRequest): FirstHandshake =>
      presented?.outcome === 'connected'
        ? { ...presented, clientCertificate: request }
        : failed({
            reason: 'handshake',
            code: 'NO_CERTIFICATE',
            message: 'the server presented no certificate',
          });
    const timer = setTimeout(() => {
      if (verdictTimer !== undefined) {
        finish(withRequest({ outcome: 'unknown', message: `no verdict within ${target.timeoutMs} ms` }));
        return;
      }
      // A TLS 1.2 server that sent its first flight, then never its Finished: what it presented is
      // judged, and the stall reported beside it.
      if (presented?.outcome === 'connected') {
        const message = `the server presented its certificate, then did not finish the handshake within ${target.timeoutMs} ms`;
        finish({
          ...presented,
          ...(asked ? { clientCertificate: { outcome: 'unknown', message } } : {}),
          unfinished: { reason: 'timeout', code: 'ETIMEDOUT', message },
        });
        return;
      }
      finish(
        failed({
          reason: 'timeout',
          code: 'ETIMEDOUT',
          message: tcpConnected
            ? `the server accepted the TCP connection but sent nothing in answer to the TLS ClientHello within ${target.timeoutMs} ms (not a TLS endpoint, e.g. a service that waits for its own protocol, or a TLS server that hangs)`
            : `no TCP connection within ${target.timeoutMs} ms (nothing answers at this address: a firewall, security group or route dropping the packets?)`,
        }),
      );
    }, target.timeoutMs);
    socket.once('connect', () => {
      tcpConnected = true;
    });
    socket.once('OCSPResponse', () => {
      asked = clientCertificateAsked(socket);
      presented = readSafely(() => inspect(socket, servername, anchors, pendingVerificationOf(socket)));
    });
    socket.once('secureConnect', () => {
      const seen = readSafely(() => inspect(socket, servername, anchors, authorizationErrorOf(socket)));
      if (seen.outcome === 'failed' || !asked) return finish(seen);
      presented = seen;
      // TLS 1.2: the server judged the (empty) client certificate before its Finished: it went on.
      if (seen.protocol !== 'TLSv1.3') return finish(withRequest({ outcome: 'optional' }));
      // TLS 1.3: the server reads the client's certificate after the client has finished; its
      // verdict follows, an alert (the error below) or a session ticket.
      socket.once('session', () => finish(withRequest({ outcome: 'optional' })));
      socket.once('end', () =>
        finish(
          withRequest({ outcome: 'unknown', message: 'the server closed the connection without a verdict' }),
        ),
      );
      const left = Math.max(0, target.timeoutMs - (Date.now() - started));
      verdictTimer = setTimeout(
        () =>
          finish(
            withRequest({
              outcome: 'unknown',
              message: `neither an alert nor a session within ${Math.min(CLIENT_CERTIFICATE_VERDICT_MS, left)} ms`,
            }),
          ),
        Math.min(CLIENT_CERTIFICATE_VERDICT_MS, left),
      );
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const failure = classifySocketError(error);
      if (asked && presented?.outcome === 'connected') {
        finish(
          withRequest({ outcome: 'required', code: failure.code, message: opensslReason(error.message) }),
        );
        return;
      }
      finish(
        failed(failure.reason === 'handshake' && isIP(servername) !== 0 ? withoutSniHint(failure) : failure),
      );
    });
  });
}

/** Protocols a client may still be offered; a server that negotiates an older one needs no second look. */
const CURRENT_PROTOCOLS: ReadonlySet<string> = new Set(['TLSv1.2', 'TLSv1.3']);

/**
 * Errors raised by the probe's own TLS library before the server had a say: they prove nothing
 * about the server, so the legacy answer stays unknown rather than "refused".
 */
const LOCAL_TLS_ERRORS: ReadonlySet<string> = new Set([
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
  'ERR_SSL_NO_CIPHER_MATCH',
]);

/**
 * How the server answered a client offering only TLS 1.0 and 1.1. An alert, a reset or a hang-up
 * during the handshake is a refusal; a timeout or a failed connection tells nothing.
 */
export function legacyAnswer(error: NodeJS.ErrnoException): LegacyProtocols {
  const failure = classifySocketError(error);
  if (
    !LOCAL_TLS_ERRORS.has(failure.code) &&
    (failure.reason === 'handshake' || failure.code === 'ECONNRESET')
  ) {
    return { outcome: 'refused', code: failure.code };
  }
  return { outcome: 'unknown', code: failure.code, message: failure.message };
}

/**
 * A second handshake offering only TLS 1.0 and 1.1, within what is left of the endpoint's
 * `timeoutMs`: the endpoint's probes together never take longer than one timeout, so the probe
 * budget checked at configuration time still holds.
 */
function legacyHandshake(
  target: ProbeTarget,
  servername: string,
  ca: readonly string[] | undefined,
  remainingMs: number,
): Promise<LegacyProtocols> {
  if (remainingMs <= 0) {
    return Promise.resolve({
      outcome: 'unknown',
      code: 'ETIMEDOUT',
      message: `no time left within ${target.timeoutMs} ms for a TLS 1.0/1.1 handshake`,
    });
  }
  return handshake<LegacyProtocols>(
    { ...connectOptions(target, servername, ca), minVersion: 'TLSv1', maxVersion: 'TLSv1.1' },
    remainingMs,
    {
      // The server answered with its certificates in TLS 1.0 or 1.1: accepted, whatever follows
      // (a server requiring a client certificate refuses the session only afterwards).
      onServerFlight: (socket) => ({ outcome: 'accepted', protocol: socket.getProtocol() ?? 'TLSv1' }),
      onConnect: (socket) => ({ outcome: 'accepted', protocol: socket.getProtocol() ?? 'TLSv1' }),
      onError: legacyAnswer,
      onTimeout: () => ({
        outcome: 'unknown',
        code: 'ETIMEDOUT',
        message: `no answer to a TLS 1.0/1.1 handshake within the ${Math.round(remainingMs)} ms left of ${target.timeoutMs} ms`,
      }),
    },
  );
}

/**
 * Two TLS handshakes with SNI, reported as plain data: the first offers every protocol and shows
 * what the server prefers and presents; when that is TLS 1.2 or newer, a second offers only TLS 1.0
 * and 1.1 and shows whether the server still accepts them. Both within `timeoutMs`. Never rejects:
 * a refused connection, a timeout, a server that does not speak TLS or an unreadable CA file all
 * come back as a `failed` result.
 */
export async function probeTls(target: ProbeTarget): Promise<ProbeResult> {
  const extra = target.caFile === undefined ? [] : await loadCaBundle(target.caFile);
  if (!Array.isArray(extra)) return failed(extra);
  let parsed: readonly X509Certificate[] | undefined;
  const anchors = () => {
    parsed ??= anchorCertificates(extra);
    return parsed;
  };
  const ca = extra.length === 0 ? undefined : [...tls.rootCertificates, ...extra];
  const servername = wireName(target.servername);
  const started = Date.now();
  const first = await firstHandshake(target, servername, ca, anchors);
  if (first.outcome === 'failed') return first;
  if (first.unfinished !== undefined) {
    return {
      ...first,
      legacy: {
        outcome: 'unknown',
        code: first.unfinished.code,
        message: 'the first handshake did not finish',
      },
    };
  }
  if (first.protocol === null) {
    return {
      ...first,
      legacy: { outcome: 'unknown', code: 'NO_PROTOCOL', message: 'the negotiated protocol is unknown' },
    };
  }
  if (!CURRENT_PROTOCOLS.has(first.protocol)) {
    return { ...first, legacy: { outcome: 'accepted', protocol: first.protocol } };
  }
  const remaining = target.timeoutMs - (Date.now() - started);
  return { ...first, legacy: await legacyHandshake(target, servername, ca, remaining) };
}
