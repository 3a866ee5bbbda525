import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

/*
 * The floor of a Lambda bundle with the SDK inside: one client (STS), created at module load the way
 * Preflight's adapters create theirs, and one call. Bundled and timed beside every Preflight function.
 */
const sts = new STSClient({});

export const handler = async () => sts.send(new GetCallerIdentityCommand({}));
