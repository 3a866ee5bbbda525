import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { controlKeys } from '../core/control/keys';
import { callAws } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';
import { putObjectText } from './report-writer';

/** Where reports, check results and sign-off requests are kept between states and runs. */
export interface ReportStore {
  readonly bucket: string;
  putJson(key: string, value: unknown): Promise<string>;
  putText(key: string, text: string, contentType: string): Promise<string>;
  /** The stored JSON, or `undefined` when there is no such object. */
  getJson<T>(key: string): Promise<T | undefined>;
  /** Writes only when no object has the key yet (an atomic first-writer-wins). */
  putJsonIfAbsent(key: string, value: unknown): Promise<'written' | 'exists'>;
}

/** An object's text as stored, however it is formed, and when S3 stored it. */
export interface StoredText {
  readonly text: string;
  /** The object is larger than the reader takes: `text` is empty or cut. */
  readonly truncated: boolean;
  /** The object's LastModified, set by S3 itself (not by whoever wrote it). */
  readonly lastModified: Date | undefined;
}

/** Largest object `getText` reads whole (1 MiB): far more than any abort request, small for a function. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/** A {@link ReportStore} in an S3 bucket; objects are encrypted by the bucket's default encryption. */
export class S3ReportStore implements ReportStore {
  constructor(
    readonly bucket: string,
    private readonly client: S3Client = new S3Client(clientConfig()),
  ) {}

  static create(bucket: string, options: AwsClientOptions = {}): S3ReportStore {
    return new S3ReportStore(bucket, new S3Client(clientConfig(options)));
  }

  async putJson(key: string, value: unknown): Promise<string> {
    return this.putText(key, JSON.stringify(value), 'application/json');
  }

  async putText(key: string, text: string, contentType: string): Promise<string> {
    return putObjectText(this.client, this.bucket, key, text, contentType);
  }

  async putJsonIfAbsent(key: string, value: unknown): Promise<'written' | 'exists'> {
    try {
      await callAws('s3:PutObject', () =>
        this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: JSON.stringify(value),
            ContentType: 'application/json',
            IfNoneMatch: '*',
          }),
        ),
      );
      return 'written';
    } catch (error) {
      // 412: the key exists; 409: another conditional write to the same key is in flight.
      if (/PreconditionFailed|ConditionalRequestConflict/.test((error as { code?: string }).code ?? ''))
        return 'exists';
      throw error;
    }
  }

  /**
   * The object's raw text (empty, not JSON, whatever it holds) with its LastModified, or `undefined`
   * when there is no such object. An object over `maxBytes` is not read: `truncated` says so.
   */
  async getText(key: string, maxBytes = MAX_TEXT_BYTES): Promise<StoredText | undefined> {
    try {
      const response = await callAws('s3:GetObject', () =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      const lastModified = response.LastModified;
      if ((response.ContentLength ?? 0) > maxBytes) {
        (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
        return { text: '', truncated: true, lastModified };
      }
      const text = (await response.Body?.transformToString('utf8')) ?? '';
      const truncated = text.length > maxBytes;
      return { text: truncated ? text.slice(0, maxBytes) : text, truncated, lastModified };
    } catch (error) {
      if ((error as { kind?: string }).kind === 'not-found') return undefined;
      throw error;
    }
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    try {
      const response = await callAws('s3:GetObject', () =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      const text = await response.Body?.transformToString('utf8');
      return text === undefined ? undefined : (JSON.parse(text) as T);
    } catch (error) {
      if ((error as { kind?: string }).kind === 'not-found') return undefined;
      throw error;
    }
  }
}

/** Object keys, in one place so the handlers and the CLI agree (the control records' in `core/control/keys.ts`). */
export const reportKeys = {
  /** One check's result; `region` is given when the run covers several regions. */
  checkResult: (runId: string, checkId: string, region?: string) =>
    `runs/${runId}/checks/${checkId}${region === undefined ? '' : `@${region}`}.json`,
  reportJson: (runId: string) => `runs/${runId}/report.json`,
  reportMarkdown: (runId: string) => `runs/${runId}/report.md`,
  posture: (scope: string) => `posture/${scope}/failing.json`,
  /** The memory a scheduled run will keep once its alert is published (then copied to `posture`). */
  pendingPosture: (runId: string) => `runs/${runId}/posture.json`,
  ...controlKeys,
  /** The rollback action's record, written before and after it runs, so it runs at most once. */
  watchRollback: (deploymentId: string) => `watches/${deploymentId}/rollback.json`,
  /** The watch's decision with every trigger's evidence. */
  watchDecision: (deploymentId: string) => `watches/${deploymentId}/decision.json`,
  /** What the deployment's follow-ups check and compare, as its watch resolved it from the configuration. */
  watchFollowup: (deploymentId: string) => `watches/${deploymentId}/followup.json`,
};

/** `s3://bucket/key` → its parts. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (match === null) throw new Error(`Not an s3:// location: ${uri}`);
  return { bucket: match[1] as string, key: match[2] as string };
}
