import { createAwsImagesPorts } from '../../../aws/images';
import { imageChecks } from '../../../core/checks/images/definitions';
import { checkFunction } from '../check-function';

/** The images family's check function: ECR and Amazon Inspector clients (no scope: it judges the release). */
export const { run, handler } = checkFunction('images', imageChecks, {
  images: createAwsImagesPorts,
});
