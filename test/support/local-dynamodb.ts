import type { AddressInfo } from 'node:net';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import type { Template } from 'aws-cdk-lib/assertions';
import dynalite from 'dynalite';

/*
 * A real DynamoDB implementation (dynalite, on LevelDB in memory), in this process, on loopback
 * only. It validates requests like the service: table and index names, key schemas, key condition
 * expressions, reserved words, `Limit` and `LastEvaluatedKey`.
 */

export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`: point an SDK client (or `AWS_ENDPOINT_URL_DYNAMODB`) here. */
  readonly endpoint: string;
  /** A client of the real SDK pointed at the endpoint. */
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

interface CfnTableProperties {
  readonly KeySchema: KeySchemaElement[];
  readonly AttributeDefinitions: AttributeDefinition[];
  readonly BillingMode?: string;
  readonly GlobalSecondaryIndexes?: Array<
    Pick<GlobalSecondaryIndex, 'IndexName' | 'KeySchema' | 'Projection'>
  >;
}

/** The properties of the one `AWS::DynamoDB::Table` in a synthesized template. */
export function tableProperties(template: Template): CfnTableProperties {
  const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
  if (tables.length !== 1) throw new Error(`expected one AWS::DynamoDB::Table, found ${tables.length}`);
  return (tables[0] as { Properties: CfnTableProperties }).Properties;
}

/**
 * Creates `tableName` with the key schema, attribute definitions and global secondary indexes of
 * the template's table, exactly as synthesized (nothing copied by hand).
 */
export async function createTableFromTemplate(
  dynamo: LocalDynamo,
  template: Template,
  tableName: string,
): Promise<CfnTableProperties> {
  const properties = tableProperties(template);
  await dynamo.client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: properties.KeySchema,
      AttributeDefinitions: properties.AttributeDefinitions,
      BillingMode: properties.BillingMode as 'PAY_PER_REQUEST',
      ...(properties.GlobalSecondaryIndexes === undefined
        ? {}
        : { GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes }),
    }),
  );
  return properties;
}
