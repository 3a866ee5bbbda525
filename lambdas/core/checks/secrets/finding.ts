import { findingBuilder } from '../kit/finding';

/** The rules of the secrets-rotation check (`Finding.rule`). */
export type RotationRule =
  | 'exemption'
  | 'replica'
  | 'rotation-enabled'
  | 'rotation-age'
  | 'last-rotation'
  | 'next-rotation';
/** The rules of the iam-access-keys check (`Finding.rule`). */
export type AccessKeyRule =
  | 'root-keys'
  | 'list-users'
  | 'key-status'
  | 'key-age'
  | 'key-last-used'
  | 'list-access-keys';

/** A finding of the secrets-rotation check. */
export const rotationFinding = findingBuilder<RotationRule>('secrets-rotation');
/** A finding of the secrets-encryption check. */
export const encryptionFinding = findingBuilder<'kms-key' | 'key-state'>('secrets-encryption');
/** A finding of the ssm-secure-parameters check. */
export const parameterFinding = findingBuilder<'secure-string'>('ssm-secure-parameters');
/** A finding of the iam-access-keys check. */
export const accessKeyFinding = findingBuilder<AccessKeyRule>('iam-access-keys');
