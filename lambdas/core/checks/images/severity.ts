import { SEVERITIES, type Severity } from '../../config/severities';

/** A scanner's severity's rank (INFORMATIONAL 0 ... CRITICAL 4); -1 when the scanner could not tell. */
export function severityRank(severity: string): number {
  return SEVERITIES.indexOf(severity as Severity);
}

/** Severities a scanner gives when it cannot tell yet: they warn, never pass unnoticed. */
export const UNKNOWN_SEVERITIES = ['UNTRIAGED', 'UNDEFINED'] as const;

/** The severities worth reading: from `lowest` up, and the unknown ones. */
export function severitiesFrom(lowest: Severity): string[] {
  return [...SEVERITIES.slice(SEVERITIES.indexOf(lowest)), ...UNKNOWN_SEVERITIES];
}
