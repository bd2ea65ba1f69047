import type { MailStatus } from './mail.ts';

/**
 * How much each status says about a message: a later notification may only raise it. Provider notifications come at
 * least once and in any order, and one message to several recipients gets one per recipient: a delivery to one does not
 * undo another's bounce, and a complaint (the recipient marked it as spam, which also stops further sends to them)
 * outweighs a bounce.
 */
const WEIGHT: Record<MailStatus, number> = { sent: 0, delivered: 1, bounced: 2, complained: 3 };

/** The status a message takes on this report, or null when the report changes nothing (a duplicate, or older news). */
export function mailStatusAfter(current: MailStatus, reported: MailStatus): MailStatus | null {
  return WEIGHT[reported] > WEIGHT[current] ? reported : null;
}

/** What the provider reported about a sent message (a delivery, a bounce, a complaint). */
export interface MailStatusReport {
  /** The provider's message id, as its send answered it. */
  readonly messageId: string;
  readonly status: Exclude<MailStatus, 'sent'>;
  /** When it happened, by the provider's clock (ISO 8601). */
  readonly at: string;
  /** A bounce's diagnostic, a complaint's feedback type. */
  readonly detail?: string;
}

export const MAIL_STATUSES = Object.keys(WEIGHT) as [MailStatus, ...MailStatus[]];
