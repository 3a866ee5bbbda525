import type { CheckDefinition } from '../types';

const notYet = async (): Promise<never> => {
  throw new Error('not implemented yet');
};

export const tlsChecks: {
  readonly 'acm-certificates': CheckDefinition<'acm-certificates'>;
  readonly 'tls-endpoints': CheckDefinition<'tls-endpoints'>;
} = {
  'acm-certificates': { id: 'acm-certificates', title: 'ACM certificates', permissions: [], run: notYet },
  'tls-endpoints': { id: 'tls-endpoints', title: 'TLS endpoints', permissions: [], run: notYet },
};
