import { type ControlOptions, callControl, reportReply } from '../control';
import { UsageError } from '../usage-error';

export interface ApproveOptions extends ControlOptions {
  run: string;
  role: string;
  reject?: boolean;
  reason?: string;
  comment?: string;
}

/** Runs `preflight approve`: checked locally, then sent to the control endpoint. */
export async function runApproveCommand(options: ApproveOptions): Promise<void> {
  if (options.reject && options.reason === undefined) throw new UsageError('--reject needs --reason "why".');
  if (!options.reject && options.reason !== undefined) {
    throw new UsageError('--reason goes with --reject; to note something with an approval, use --comment.');
  }
  const reply = await callControl(
    {
      action: 'signoff',
      runId: options.run,
      role: options.role,
      approved: !options.reject,
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(options.comment === undefined ? {} : { comment: options.comment }),
    },
    options,
  );
  reportReply(reply);
}
