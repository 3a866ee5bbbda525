/* The rules of the iam-access-keys check, one file each under rules/iam-access-keys/. */
export { accessKeyResource } from './access-key-settings';
export { evaluateKeyAge } from './rules/iam-access-keys/key-age';
export { evaluateKeyUsage } from './rules/iam-access-keys/key-last-used';
export { inactiveKeyFinding } from './rules/iam-access-keys/key-status';
