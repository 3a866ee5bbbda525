/** What the alarms checks read from an account. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the alarms checks
export type AlarmsPorts = {};
