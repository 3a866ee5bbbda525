import {
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';

/** An S3 stand-in that keeps objects in memory: what the handlers put, they can get back. */
export interface S3Stub {
  readonly mock: AwsClientStub<S3Client>;
  readonly objects: Map<string, string>;
  /** When each object was stored (S3's LastModified): the time of `objects.set`, unless set here. */
  readonly lastModified: Map<string, Date>;
  /** Re-arms the stub after a `reset()`, keeping the stored objects unless told otherwise. */
  install(options?: { clear?: boolean }): void;
  json<T>(key: string): T;
}

/** Objects that remember when each was stored, as S3's LastModified does. */
class StoredObjects extends Map<string, string> {
  constructor(private readonly times: Map<string, Date>) {
    super();
  }

  override set(key: string, value: string): this {
    this.times.set(key, new Date());
    return super.set(key, value);
  }
}

export function stubS3(): S3Stub {
  const mock = mockClient(S3Client);
  const lastModified = new Map<string, Date>();
  const objects = new StoredObjects(lastModified);
  const stub: S3Stub = {
    mock,
    objects,
    lastModified,
    install({ clear = true } = {}) {
      if (clear) {
        objects.clear();
        lastModified.clear();
      }
      mock.reset();
      // The audited account's own buckets (the cors-policies check lists them): none.
      mock.on(ListBucketsCommand).resolves({ Buckets: [] });
      mock
        .on(PutObjectCommand)
        .callsFake((input: { Bucket: string; Key: string; Body: string; IfNoneMatch?: string }) => {
          const key = `${input.Bucket}/${input.Key}`;
          if (input.IfNoneMatch === '*' && objects.has(key)) {
            throw new S3ServiceException({
              name: 'PreconditionFailed',
              $fault: 'client',
              $metadata: { httpStatusCode: 412 },
              message: 'At least one of the pre-conditions you specified did not hold',
            });
          }
          objects.set(key, String(input.Body));
          return {};
        });
      mock.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
        const body = objects.get(`${input.Bucket}/${input.Key}`);
        if (body === undefined) {
          throw new S3ServiceException({
            name: 'NoSuchKey',
            $fault: 'client',
            $metadata: { httpStatusCode: 404 },
            message: 'The specified key does not exist.',
          });
        }
        return {
          Body: { transformToString: async () => body },
          ContentLength: Buffer.byteLength(body),
          LastModified: lastModified.get(`${input.Bucket}/${input.Key}`),
        };
      });
    },
    json<T>(key: string): T {
      const entry = [...objects.entries()].find(([k]) => k.endsWith(`/${key}`));
      if (entry === undefined) throw new Error(`no object ${key}; have ${[...objects.keys()].join(', ')}`);
      return JSON.parse(entry[1]) as T;
    },
  };
  stub.install();
  return stub;
}
