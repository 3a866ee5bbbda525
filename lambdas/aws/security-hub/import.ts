import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { toAwsCallError } from '../call';
import { type AwsClientOptions, clientConfig } from '../client-config';

/** BatchImportFindings takes at most 100 findings per request (and 6 MB; a finding is at most 240 KB). */
export const BATCH_SIZE = 100;

/** A finding Security Hub did not take, and why. */
export interface FailedImport {
  readonly id: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportResult {
  readonly imported: number;
  readonly failed: readonly FailedImport[];
}

/**
 * Imports findings in batches of 100, one request after the other (the API allows 10 per second per
 * account and region, 30 in a burst): the client's adaptive retry backs off on throttling. A batch
 * whose request still fails counts all its findings as failed, with the error; the next batches are
 * still sent. Findings Security Hub refuses one by one (`FailedFindings`) are returned the same way.
 */
export class SecurityHubImporter {
  constructor(private readonly client: SecurityHubClient = new SecurityHubClient(clientConfig())) {}

  static create(options: AwsClientOptions = {}): SecurityHubImporter {
    return new SecurityHubImporter(new SecurityHubClient(clientConfig(options)));
  }

  async import(findings: readonly AwsSecurityFinding[]): Promise<ImportResult> {
    let imported = 0;
    const failed: FailedImport[] = [];
    for (let start = 0; start < findings.length; start += BATCH_SIZE) {
      const batch = findings.slice(start, start + BATCH_SIZE);
      try {
        const response = await this.client.send(new BatchImportFindingsCommand({ Findings: batch }));
        const refused = response.FailedFindings ?? [];
        for (const f of refused) {
          failed.push({
            id: f.Id ?? '(no id)',
            code: f.ErrorCode ?? 'Unknown',
            message: f.ErrorMessage ?? '',
          });
        }
        imported += response.SuccessCount ?? batch.length - refused.length;
      } catch (error) {
        const reason = toAwsCallError('securityhub:BatchImportFindings', error);
        for (const f of batch)
          failed.push({ id: f.Id ?? '(no id)', code: reason.code, message: reason.message });
      }
    }
    return { imported, failed };
  }
}
