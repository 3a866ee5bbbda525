import * as z from '../zod';
import { RegionSchema } from './environments-schema';

/*
 * Where Preflight itself is deployed (`home` in the configuration): its account and the regions it
 * has a stack in. The member-account stack trusts Preflight's named roles there and nowhere else.
 */

/**
 * At most this many regions: the member role's trust policy names four Preflight roles per region and
 * must stay within IAM's 2,048-character trust policy limit with the longest names and external id.
 */
export const MAX_HOME_REGIONS = 5;
/** Every AWS region name is at most 15 characters; 20 keeps Preflight's role names within 64. */
export const MAX_HOME_REGION_LENGTH = 20;

export const HomeSchema = z.strictObject({
  /** The account the Preflight stack is deployed in. */
  account: z
    .string({ error: 'expected the 12-digit AWS account id the Preflight stack is deployed in' })
    .check(z.regex(/^\d{12}$/, 'expected a 12-digit AWS account id')),
  /** Every region the Preflight stack is deployed in. */
  regions: z
    .array(
      RegionSchema.check(
        z.maxLength(MAX_HOME_REGION_LENGTH, `expected at most ${MAX_HOME_REGION_LENGTH} characters`),
      ),
      {
        error: 'expected the regions the Preflight stack is deployed in, e.g. ["eu-west-1"]',
      },
    )
    .check(
      z.minLength(1, 'expected at least one region: the regions the Preflight stack is deployed in'),
      z.maxLength(
        MAX_HOME_REGIONS,
        `expected at most ${MAX_HOME_REGIONS} regions (the member role's trust policy names four roles per region)`,
      ),
      z.refine((regions) => new Set(regions).size === regions.length, 'expected each region once'),
    ),
});

export type HomeSettings = z.output<typeof HomeSchema>;
