import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per function instance; service name and level come from the environment. */
export const logger = new Logger();
