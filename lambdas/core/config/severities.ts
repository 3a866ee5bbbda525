/*
 * The scanners' severities, apart from the settings' schema: the image checks rank findings with
 * them at run time, and the check function carries no configuration validator.
 */

/** Severities as Amazon Inspector and ECR basic scanning name them, lowest first. */
export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
