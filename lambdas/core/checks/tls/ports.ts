/** What the tls checks read from an account. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the tls checks
export type TlsPorts = {};
