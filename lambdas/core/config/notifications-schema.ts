import * as z from '../zod';
import { eachOnce } from './listed-once';

/*
 * Who the alert topic reaches. Each subscriber is listed once: SNS would subscribe one inbox or
 * phone twice (every alert arriving twice), or refuse the second subscription at deploy.
 */

const E164 = z
  .string()
  .check(z.regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 phone number such as +15555550100'));

const VERDICTS = ['PASS', 'FAIL', 'ERROR'] as const;

/**
 * A list whose entries must differ once `sameAs` makes them comparable; a repeat is named at its own
 * index, with the index it repeats.
 */
function listedOnce<T extends z.ZodMiniType<string>>(
  item: T,
  what: { readonly key: string; readonly noun: string; readonly reach: string },
  sameAs: (value: string) => string,
) {
  return z
    .array(item)
    .check(
      eachOnce<string>(
        what.noun,
        sameAs,
        (earlier) => `it is ${what.key}.[${earlier}] again (${what.reach} would get every alert twice)`,
      ),
    );
}

const verdicts = () =>
  z
    .array(z.enum(VERDICTS))
    .check(z.refine((list) => new Set(list).size === list.length, 'expected each verdict once'));

export const NotificationsSchema = z.strictObject({
  /**
   * Addresses subscribed to the alert topic (full reports), each once: compared without regard to
   * case, since mail systems deliver `Ana@Example.com` and `ana@example.com` to one inbox.
   * @default []
   */
  emails: z._default(
    listedOnce(z.email(), { key: 'notifications.emails', noun: 'address', reach: 'one inbox' }, (email) =>
      email.toLowerCase(),
    ),
    [],
  ),
  /** E.164 numbers subscribed by SMS, each once. @default [] */
  phoneNumbers: z._default(
    listedOnce(
      E164,
      { key: 'notifications.phoneNumbers', noun: 'number', reach: 'one phone' },
      (phone) => phone,
    ),
    [],
  ),
  /** Verdicts that reach email subscribers: the full report. @default every verdict */
  emailVerdicts: z._default(verdicts(), [...VERDICTS]),
  /** Verdicts that reach SMS subscribers: a 160-character summary. @default FAIL and ERROR */
  smsVerdicts: z._default(verdicts(), ['FAIL', 'ERROR']),
});
