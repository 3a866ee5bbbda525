import type { CheckDefinition } from '../types';

const notYet = async (): Promise<never> => {
  throw new Error('not implemented yet');
};

export const alarmChecks: { readonly alarms: CheckDefinition<'alarms'> } = {
  alarms: { id: 'alarms', title: 'Alarms', permissions: [], run: notYet },
};
