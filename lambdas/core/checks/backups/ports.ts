/** What the backups checks read from an account. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the backups checks
export type BackupsPorts = {};
