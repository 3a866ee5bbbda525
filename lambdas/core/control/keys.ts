import { roleSlug } from '../gate/signoff-role';

/**
 * Object keys of the control records in the report bucket. The bucket policy names the same
 * patterns (`lib/report-bucket.ts`), so only the control function writes these.
 */
export const controlKeys = {
  /** A pending sign-off with its task token: written by the request function, read by the control function only. */
  signoffRequest: (runId: string, role: string) => `signoffs/${runId}/${roleSlug(role)}/request.json`,
  /** The authenticated answer to a sign-off: written once, by the control function only. */
  signoffAnswer: (runId: string, role: string) => `signoffs/${runId}/${roleSlug(role)}/answer.json`,
  /** An authenticated deployment-window override: written once, by the control function only. */
  windowOverride: (deploymentId: string) => `overrides/${deploymentId}/window.json`,
  /** A manual abort of a deployment's watch: written once, by the control function only. */
  watchAbort: (deploymentId: string) => `watches/${deploymentId}/abort.json`,
};

/** The same keys as bucket-policy patterns. */
export const controlKeyPatterns = {
  signoffRequest: 'signoffs/*/*/request.json',
  signoffAnswer: 'signoffs/*/*/answer.json',
  windowOverride: 'overrides/*',
  watchAbort: 'watches/*/abort.json',
} as const;
