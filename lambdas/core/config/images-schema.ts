import * as z from '../zod';
import { boundedInteger, wholeNumber } from './bounds';
import { SEVERITIES } from './severities';

/*
 * The settings of the image checks (`image-scans`, `images-pushed`). Suppressions of known
 * vulnerabilities belong to `image-scans`: each names its vulnerability, why, and until when, so
 * that none hides a vulnerability forever.
 */

const enabled = z._default(z.boolean(), true);

export { SEVERITIES, type Severity } from './severities';

const SeveritySchema = z.enum(SEVERITIES, {
  error: `expected one of ${SEVERITIES.join(', ')}`,
});

/** A vulnerability id as the scanners report it: a CVE, or a GitHub advisory. */
export const VULNERABILITY_ID = /^(?:CVE-\d{4}-\d{4,7}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})$/;

const SuppressionSchema = z.strictObject({
  /** The vulnerability suppressed: `CVE-2024-12345` or `GHSA-xxxx-xxxx-xxxx`. */
  id: z
    .string()
    .check(z.regex(VULNERABILITY_ID, 'expected a CVE id such as CVE-2024-3094 or a GHSA-xxxx-xxxx-xxxx id')),
  /** Why it does not apply or is accepted (shown in every report that it suppresses). */
  reason: z
    .string()
    .check(z.trim(), z.minLength(10, 'expected a reason of at least 10 characters'), z.maxLength(500)),
  /** The last day it suppresses (UTC); after it, the finding counts again and the suppression is reported. */
  until: z.iso.date({ error: 'expected a date such as 2026-12-31' }),
  /** Only in this repository. @default every repository */
  repository: z.optional(z.string().check(z.minLength(2), z.maxLength(256))),
});
export type Suppression = z.output<typeof SuppressionSchema>;

export const ImageScansSettings = z
  .strictObject({
    enabled,
    /** A scan older than this many days is stale (FAIL): new vulnerabilities are published daily. */
    maxScanAgeDays: z._default(wholeNumber('days', 1, 365), 7),
    /** A vulnerability at or above this severity fails the image. */
    failSeverity: z._default(SeveritySchema, 'CRITICAL'),
    /** A vulnerability at or above this severity (and below `failSeverity`) warns. */
    warnSeverity: z._default(SeveritySchema, 'HIGH'),
    /** Vulnerabilities listed in a finding's evidence (the counts cover all of them). */
    maxListedVulnerabilities: z._default(boundedInteger('a number of vulnerabilities', 1, 100), 20),
    /** A run without release images FAILs instead of WARNing (a gate that must always name them). */
    requireImages: z._default(z.boolean(), false),
    /** Known vulnerabilities that do not count, each with a reason and an expiry. */
    suppressions: z._default(
      z.array(SuppressionSchema).check(z.maxLength(200, 'expected at most 200 suppressions')),
      [],
    ),
  })
  .check(
    z.superRefine((settings, ctx) => {
      if (SEVERITIES.indexOf(settings.warnSeverity) > SEVERITIES.indexOf(settings.failSeverity)) {
        ctx.addIssue({
          code: 'custom',
          path: ['warnSeverity'],
          input: settings.warnSeverity,
          message: `expected warnSeverity at or below failSeverity (${settings.failSeverity})`,
        });
      }
      const seen = new Set<string>();
      settings.suppressions.forEach((s, index) => {
        const key = `${s.id}@${s.repository ?? '*'}`;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['suppressions', index, 'id'],
            input: s.id,
            message: `expected each vulnerability suppressed once per repository; ${s.id} is suppressed twice`,
          });
        }
        seen.add(key);
      });
    }),
  );

export const ImagesPushedSettings = z.strictObject({
  enabled,
  /** A repository whose tags can be moved to another image FAILs (false: WARN). */
  requireImmutableTags: z._default(z.boolean(), true),
  /** A repository whose images are not scanned on push (basic) or by an enhanced scanning rule FAILs (false: WARN). */
  requireScanning: z._default(z.boolean(), true),
  /** A run without release images FAILs instead of WARNing. */
  requireImages: z._default(z.boolean(), false),
});
