import type { CheckSettings } from '../../config/schema';

/** The secrets-rotation settings its rules read. */
export type RotationSettings = Pick<CheckSettings['secrets-rotation'], 'maxAgeDays' | 'exemptTagKey'>;
