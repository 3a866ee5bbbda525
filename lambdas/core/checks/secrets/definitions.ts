import type { CheckDefinition } from '../types';

const notYet = async (): Promise<never> => {
  throw new Error('not implemented yet');
};

export const secretChecks: {
  readonly 'secrets-rotation': CheckDefinition<'secrets-rotation'>;
  readonly 'secrets-encryption': CheckDefinition<'secrets-encryption'>;
  readonly 'ssm-secure-parameters': CheckDefinition<'ssm-secure-parameters'>;
  readonly 'iam-access-keys': CheckDefinition<'iam-access-keys'>;
} = {
  'secrets-rotation': { id: 'secrets-rotation', title: 'Secret rotation', permissions: [], run: notYet },
  'secrets-encryption': {
    id: 'secrets-encryption',
    title: 'Secret encryption',
    permissions: [],
    run: notYet,
  },
  'ssm-secure-parameters': {
    id: 'ssm-secure-parameters',
    title: 'SSM parameters',
    permissions: [],
    run: notYet,
  },
  'iam-access-keys': { id: 'iam-access-keys', title: 'IAM access keys', permissions: [], run: notYet },
};
