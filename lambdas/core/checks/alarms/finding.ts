import { findingBuilder } from '../kit/finding';
import type { AlarmRule } from './rule-result';

/**
 * A finding of the alarms check: a per-alarm rule (`actions`, `state`, `missing-data`), `alarm` for
 * the one PASS that sums up a healthy alarm, or `required` for a configured requirement.
 */
export const alarmFinding = findingBuilder<AlarmRule | 'alarm' | 'required'>('alarms');
