import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { mailStatusReportOf } from '../adapters/ses/ses-notifications.ts';
import { logger, mailLedger } from '../composition.ts';

/** A notification of a message the ledger does not know: retried (it may be recorded a moment later), then dead-lettered. */
export class UnknownMailMessageError extends Error {
  override name = 'UnknownMailMessageError';
}

/**
 * The configuration set's SES events (delivery, bounce, complaint, rejection), from the default event bus: each
 * updates the status of the message it names, with a `mail.status_changed` event, at most once (mail-ledger.ts). An
 * event for a message id the ledger lacks fails: the send may not be recorded yet (SES can notify before the mailer's
 * last write), so the retries get it; one that never will be is the first copy of a message sent twice (ses-mailer.ts).
 */
export async function recordMailNotification(event: EventBridgeEvent<string, unknown>): Promise<'changed' | 'unchanged' | 'ignored'> {
  const report = mailStatusReportOf(event);
  if (report === null) {
    logger.info('SES event without a status, ignored', { detailType: event['detail-type'] });
    return 'ignored';
  }
  const outcome = await mailLedger().recordStatus(report);
  if (outcome.kind === 'unknown') throw new UnknownMailMessageError(`No sent mail is recorded for the SES message ${report.messageId}`);
  logger.info('mail status reported', { sendKey: outcome.mail.sendKey, messageId: report.messageId, reported: report.status, status: outcome.mail.status, outcome: outcome.kind });
  return outcome.kind;
}

export const handler = middy<EventBridgeEvent<string, unknown>, 'changed' | 'unchanged' | 'ignored'>().handler(recordMailNotification);
