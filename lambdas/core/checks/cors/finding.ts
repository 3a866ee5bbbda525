import { findingBuilder } from '../kit/finding';

/** A finding of the cors-policies check. */
export const corsFinding = findingBuilder<'function-url-cors' | 'http-api-cors' | 'bucket-cors'>(
  'cors-policies',
);
