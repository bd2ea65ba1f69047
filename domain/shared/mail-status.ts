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
