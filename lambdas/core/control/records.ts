import * as z from '../zod';
import { RunIdSchema } from './request';

/*
 * The records the control endpoint keeps in the report bucket. Only the control function may write
 * them (the bucket policy denies everyone else), each is written once (`If-None-Match: *`), and
 * whoever reads one back validates it: an object is input like any other.
 */

const Arn = z.string().check(z.startsWith('arn:', 'expected the ARN AWS authenticated'));
const Time = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time' });

/** A pending sign-off: written by the request function (with the task token), read by the control function. */
export const SignoffRequestRecordSchema = z.object({
  runId: RunIdSchema,
  /** The gate's service and environment: its approvers decide who may answer. */
  service: z.optional(z.string().check(z.minLength(1))),
  environment: z.optional(z.string().check(z.minLength(1))),
  role: z.string().check(z.minLength(1)),
  label: z.string(),
  requestedAt: Time,
  reportLocation: z.string(),
  taskToken: z.string().check(z.minLength(1)),
});
export type SignoffRequestRecord = z.output<typeof SignoffRequestRecordSchema>;

/** The one authenticated answer to a sign-off request. */
export const SignoffAnswerRecordSchema = z.object({
  runId: RunIdSchema,
  role: z.string().check(z.minLength(1)),
  approved: z.boolean(),
  reason: z.optional(z.string()),
  comment: z.optional(z.string()),
  by: Arn,
  at: Time,
});
export type SignoffAnswerRecord = z.output<typeof SignoffAnswerRecordSchema>;

/** The one authenticated decision to deploy a deployment outside the window. */
export const WindowOverrideRecordSchema = z.object({
  deploymentId: z.string().check(z.minLength(1)),
  /** The gate it was given for; a record without them counts only for a gate whose input names neither. */
  service: z.optional(z.string().check(z.minLength(1))),
  environment: z.optional(z.string().check(z.minLength(1))),
  reason: z.string().check(z.minLength(5), z.maxLength(500)),
  by: Arn,
  at: Time,
});
export type WindowOverrideRecord = z.output<typeof WindowOverrideRecordSchema>;
