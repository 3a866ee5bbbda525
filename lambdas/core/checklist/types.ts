/** How Preflight verifies a checklist item. */
export type Verification =
  /** Evaluated by one or more automated checks against the account. */
  | { readonly kind: 'check'; readonly checkIds: readonly string[] }
  /** Only the pipeline knows: it attests with an evidence link under this key. */
  | { readonly kind: 'attestation'; readonly key: string; readonly automationCandidate?: boolean }
  /**
   * Judged by the gate itself from its own settings, not attested by anyone: the deployment window
   * (`gate.window`) and the on-demand pre-deployment backup (`gate.preDeploymentBackup`).
   */
  | { readonly kind: 'gate'; readonly what: string; readonly setting: string }
  /** A person in this role signs off. */
  | { readonly kind: 'signoff'; readonly role: string }
  /** Watched during the rollout by the deployment watch. */
  | { readonly kind: 'trigger'; readonly triggerId: string }
  /** Verified by a follow-up that runs this long after a deployment. */
  | { readonly kind: 'followup'; readonly after: FollowupDelay }
  /** Guidance for people; nothing to verify automatically. */
  | { readonly kind: 'informational' };

export type VerificationKind = Verification['kind'];
export const FOLLOWUP_DELAYS = ['1h', '24h', '7d', 'quarterly'] as const;
export type FollowupDelay = (typeof FOLLOWUP_DELAYS)[number];

export interface ChecklistSection {
  /** Stable id, e.g. `pre-deployment`. */
  readonly id: string;
  readonly title: string;
}

export interface ChecklistItem {
  /** Stable id `<group>.<slug>`, e.g. `security.ssl-certificates`. Never renamed once published. */
  readonly id: string;
  /** Id of the top-level section, e.g. `pre-deployment`. */
  readonly section: string;
  /** Heading under the section, e.g. `Security & Compliance`. */
  readonly group: string;
  /** The item's wording, as in the checklist. */
  readonly title: string;
  readonly verification: Verification;
  /** Extra context shown with the item. */
  readonly note?: string;
  /** True for items added by configuration rather than by the seed checklist. */
  readonly custom?: boolean;
}

/** The checklist as Preflight runs it: ordered sections and items. */
export interface Checklist {
  readonly version: string;
  readonly sections: readonly ChecklistSection[];
  readonly items: readonly ChecklistItem[];
}
