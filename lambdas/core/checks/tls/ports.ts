/**
 * What the tls checks read from an account: ACM certificates (with renewal detail on demand) and
 * TLS handshakes with configured endpoints. Plain data only: the adapters translate the SDK and node:tls.
 */
export interface TlsPorts {
  /** Every ACM certificate in the region: every key type, every status, in use or not. */
  listCertificates(): Promise<AcmCertificate[]>;
  /** ACM's managed-renewal state of one certificate (DescribeCertificate's RenewalSummary). */
  getRenewal(certificateArn: string): Promise<AcmRenewal>;
  /**
   * Connects to one endpoint and reports what it presented. Resolves with a `failed` result for
   * anything that prevents a handshake (refused, timeout, not TLS, an unreadable CA bundle).
   */
  probeEndpoint(target: ProbeTarget): Promise<ProbeResult>;
}

/** One ACM certificate as ListCertificates describes it; absent fields are `null`. */
export interface AcmCertificate {
  readonly arn: string;
  readonly domainName: string | null;
  /** `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`. */
  readonly type: string | null;
  /** `ISSUED`, `EXPIRED`, `PENDING_VALIDATION`, `FAILED`, `REVOKED`, `INACTIVE`, `VALIDATION_TIMED_OUT`. */
  readonly status: string | null;
  /** Attached to a load balancer, distribution, API...; `null` when ACM did not say. */
  readonly inUse: boolean | null;
  /** The certificate and its key were exported (a private or exportable public one); `null` when ACM did not say. */
  readonly exported: boolean | null;
  /** e.g. `RSA_2048`, `EC_prime256v1`. */
  readonly keyAlgorithm: string | null;
  /** `ELIGIBLE` or `INELIGIBLE` for ACM managed renewal. */
  readonly renewalEligibility: string | null;
  readonly notBefore: Date | null;
  readonly notAfter: Date | null;
}

/** ACM's managed-renewal summary; all `null` when no renewal has started. */
export interface AcmRenewal {
  /** `PENDING_AUTO_RENEWAL`, `PENDING_VALIDATION`, `SUCCESS` or `FAILED`. */
  readonly status: string | null;
  /** Why a renewal failed, e.g. `CAA_ERROR`. */
  readonly reason: string | null;
  readonly updatedAt: Date | null;
}

/** Where and how to probe. */
export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
  /** SNI name, and the name the certificate must match. */
  readonly servername: string;
  readonly timeoutMs: number;
  /** PEM bundle of extra trusted CAs, added to the system roots. */
  readonly caFile?: string;
}

/** What a probe saw: a completed handshake, or why there was none. */
export type ProbeResult = ProbeConnected | ProbeFailed;

/** No TLS session: nothing to evaluate. */
export interface ProbeFailed {
  readonly outcome: 'failed';
  /** `config`: the probe could not be set up (e.g. the CA bundle is unreadable). */
  readonly reason: 'refused' | 'timeout' | 'dns' | 'handshake' | 'network' | 'config';
  /** The system or OpenSSL code, e.g. `ECONNREFUSED`, `ERR_SSL_WRONG_VERSION_NUMBER`. */
  readonly code: string;
  readonly message: string;
}

/** A completed handshake and what the server presented. */
export interface ProbeConnected {
  readonly outcome: 'connected';
  /** Negotiated protocol, e.g. `TLSv1.3`; `null` if unknown. */
  readonly protocol: string | null;
  /** The chain leads to a trusted root (system roots plus the CA bundle), validity dates aside. */
  readonly chainTrusted: boolean;
  /** OpenSSL's verification error when the chain is not trusted, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  readonly trustError: string | null;
  /** The leaf certificate is valid for the SNI name. */
  readonly hostnameMatches: boolean;
  readonly hostnameError: string | null;
  /** Leaf first, then the issuers as far as they could be followed. Never empty. */
  readonly chain: readonly PresentedCertificate[];
  /**
   * What a client offering only TLS 1.0 and 1.1 gets. The first handshake shows the best protocol
   * the server speaks, not the oldest it still accepts.
   */
  readonly legacy: LegacyProtocols;
  /**
   * The server asked for a client certificate (mutual TLS; the probe sends none) and what it did
   * without one. Absent when it did not ask.
   */
  readonly clientCertificate?: ClientCertificateRequest;
  /**
   * The server presented its certificates, then the handshake did not finish (it stopped answering):
   * no client can connect, and what it presented is still judged. Absent when the handshake finished.
   */
  readonly unfinished?: Pick<ProbeFailed, 'reason' | 'code' | 'message'>;
}

/**
 * What a server that asks for a client certificate did when the probe sent none: went on
 * (`optional`), refused the session with an alert after presenting its own certificate (`required`),
 * or gave no verdict the probe could read in time (`unknown`).
 */
export type ClientCertificateRequest =
  | { readonly outcome: 'optional' }
  | { readonly outcome: 'required'; readonly code: string; readonly message: string }
  | { readonly outcome: 'unknown'; readonly message: string };

/**
 * A second handshake offering only TLS 1.0 and 1.1: the protocol the server accepted, a refusal,
 * or why it could not tell (no answer in the time left, the connection failed).
 */
export type LegacyProtocols =
  | { readonly outcome: 'accepted'; readonly protocol: string }
  | { readonly outcome: 'refused'; readonly code: string }
  | { readonly outcome: 'unknown'; readonly code: string; readonly message: string };

/** One certificate of a presented chain. */
export interface PresentedCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** `rsa`, `ec`, `ed25519`, `dsa`...; the algorithm's OID when node cannot load the key; `null` if unreadable. */
  readonly keyType: string | null;
  /** RSA or DSA modulus, or EC field size, in bits; `null` if unknown. */
  readonly keyBits: number | null;
  /** OpenSSL's name of an EC key's curve (`prime256v1`, `secp384r1`, `secp256k1`...); `null` otherwise. */
  readonly keyCurve: string | null;
  /** e.g. `sha256WithRSAEncryption`, or the OID when the name is not known. */
  readonly signatureAlgorithm: string;
  /** Issued by itself (a root): its own signature proves nothing, so it is not judged; its key is. */
  readonly selfSigned: boolean;
  /** keyUsage bits (`digitalSignature`, `keyEncipherment`...); `null` or absent: no keyUsage extension. */
  readonly keyUsage?: readonly string[] | null;
  /** extendedKeyUsage purposes (`serverAuth`, `clientAuth`..., or an OID); `null` or absent: no extension. */
  readonly extendedKeyUsage?: readonly string[] | null;
}
