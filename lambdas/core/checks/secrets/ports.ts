/** What the secrets checks read from an account. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the secrets checks
export type SecretsPorts = {};
