import type { CheckDefinition } from '../types';

const notYet = async (): Promise<never> => {
  throw new Error('not implemented yet');
};

export const backupChecks: { readonly 'database-backups': CheckDefinition<'database-backups'> } = {
  'database-backups': { id: 'database-backups', title: 'Database backups', permissions: [], run: notYet },
};
