/** A call recorded by aws-sdk-client-mock: `thisValue` is the client that sent it. */
interface RecordedCall {
  readonly thisValue: unknown;
}

interface ClientLike {
  readonly config: {
    region: () => Promise<string>;
    credentials: () => Promise<{ accessKeyId: string }>;
  };
}

/**
 * Where and as whom a stubbed SDK call was sent: the region and access key of the client that sent
 * it. Tells a call made with an environment's assumed role from one made with Preflight's own.
 */
export async function sentWith(call: RecordedCall): Promise<{ region: string; accessKeyId: string }> {
  const client = call.thisValue as ClientLike;
  const [region, credentials] = await Promise.all([client.config.region(), client.config.credentials()]);
  return { region, accessKeyId: credentials.accessKeyId };
}
