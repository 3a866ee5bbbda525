import { z } from 'zod';

/** Settings of the deployment watch (`watch` in the configuration). Filled in by the watch. */
export const WatchSettingsSchema = z.strictObject({});
