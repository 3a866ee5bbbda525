import * as z from '../zod';

/*
 * The identifiers of a place that the configuration and the functions' inputs share: an account id,
 * a region, an environment's name, an OU. Apart from the configuration's sections, because a schema written
 * `z.string().check(...)` at a module's top level is kept by the bundler whether used or not: a
 * function that validates only an account id or a region imports this file, not every section of
 * the configuration that also uses them.
 */

export const AccountIdSchema = z.string().check(z.regex(/^\d{12}$/, 'expected a 12-digit AWS account id'));
export const RegionSchema = z
  .string()
  .check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region such as eu-west-1'));

/** An environment's name, as services and the CLI's `--env` name it. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,63}$/;
export const ENVIRONMENT_NAME_HINT = 'expected a lower-case environment name such as prod';

/** An OU id as Organizations spells it, or a root id (every account of the organization). */
export const ParentIdSchema = z
  .string()
  .check(
    z.regex(
      /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/,
      'expected an OU id such as ou-ab12-11111111 (or a root id such as r-ab12)',
    ),
  );
