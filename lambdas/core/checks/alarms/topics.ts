/** What looking up one SNS topic found, as the actions rule needs it. */
export type TopicOutcome =
  | {
      readonly status: 'found';
      readonly confirmed: number;
      readonly pending: number;
      /** The topic's KMS key, `null` when it is not encrypted (or nobody is subscribed). */
      readonly kmsMasterKeyId: string | null;
    }
  | { readonly status: 'not-found' }
  /** The lookup failed: the explained error, so the affected alarms report ERROR rather than PASS. */
  | {
      readonly status: 'error';
      readonly message: string;
      readonly remediation: string;
      readonly code: string;
    };

/** Outcomes by topic ARN. */
export type TopicOutcomes = ReadonlyMap<string, TopicOutcome>;
