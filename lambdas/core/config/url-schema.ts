import { NOT_PLAIN_TEXT } from '../plain-text';
import * as z from '../zod';

/** The longest URL a configuration may name: what EventBridge takes as an API destination's endpoint. */
export const MAX_CONFIG_URL = 2048;

/** A space, or a control or format character (a line break, a NUL, a bidi override). */
const NOT_IN_A_URL = new RegExp(`${NOT_PLAIN_TEXT.source}|\\s`, 'u');

/**
 * An https URL of a public domain, judged as written. A URL parser drops tabs and line breaks
 * wherever they are (`https://hooks.example.com\n.attacker.example` is another host), so the text
 * itself must be plain: no space, control or format character, at most {@link MAX_CONFIG_URL}
 * characters. A space or NUL would otherwise pass synthesis and fail only where the URL is used.
 */
export function httpsUrlSchema() {
  return z.pipe(
    z.string({ error: 'expected an https URL' }).check(
      z.maxLength(MAX_CONFIG_URL, `expected an https URL of at most ${MAX_CONFIG_URL} characters`),
      z.superRefine((url, ctx) => {
        const found = NOT_IN_A_URL.exec(url)?.[0];
        if (found === undefined) return;
        const code = `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
        ctx.addIssue({
          code: 'custom',
          input: url,
          message: `expected an https URL as plain text, without a space, control or format character (${code})`,
        });
      }),
    ),
    z.url({ protocol: /^https$/, hostname: z.regexes.domain }),
  );
}
