import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { callAws } from './call';
import { clientConfig } from './client-config';

/*
 * Writing an object to the report bucket, apart from reading one (`report-store.ts`): a step that only
 * writes (the fan-out's list step) bundles PutObject alone, not GetObject and its response streams.
 */

/** Writes `text` at `key`, encrypted by the bucket's default encryption; its `s3://` location. */
export async function putObjectText(
  client: S3Client,
  bucket: string,
  key: string,
  text: string,
  contentType: string,
): Promise<string> {
  await callAws('s3:PutObject', () =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: contentType })),
  );
  return `s3://${bucket}/${key}`;
}

/** Writes JSON objects to one bucket, and reads nothing. */
export class S3JsonWriter {
  constructor(
    readonly bucket: string,
    private readonly client: S3Client = new S3Client(clientConfig()),
  ) {}

  async putJson(key: string, value: unknown): Promise<string> {
    return putObjectText(this.client, this.bucket, key, JSON.stringify(value), 'application/json');
  }
}
