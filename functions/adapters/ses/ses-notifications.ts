import * as z from 'zod';
import type { MailStatusReport } from '../../../domain/shared/mail-status.ts';

/**
 * The SES events the configuration set publishes to EventBridge (detail-type `Email Delivered`, `Email Bounced`,
 * `Email Complaint Received`, `Email Rejected`): `detail` is SES's event publishing record, named by `eventType`.
 * Only what a status needs is read; SES adds fields freely, so the objects are not strict.
 */
const mail = z.object({ messageId: z.string().min(1) });
const record = z.discriminatedUnion('eventType', [
  z.object({ eventType: z.literal('Delivery'), mail, delivery: z.object({ timestamp: z.string() }) }),
  z.object({
    eventType: z.literal('Bounce'),
    mail,
    bounce: z.object({
      bounceType: z.string(),
      bounceSubType: z.string(),
      timestamp: z.string(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional(), status: z.string().optional() })),
    }),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    mail,
    complaint: z.object({ timestamp: z.string(), complaintFeedbackType: z.string().optional(), complainedRecipients: z.array(z.object({ emailAddress: z.string() })) }),
  }),
  z.object({ eventType: z.literal('Reject'), mail, reject: z.object({ reason: z.string() }) }),
]);
const sesEvent = z.object({ source: z.literal('aws.ses'), time: z.string(), detail: z.object({ eventType: z.string() }).loose() });

const STATUS_EVENT_TYPES = new Set(['Delivery', 'Bounce', 'Complaint', 'Reject']);

/**
 * What an SES event says about the status of the message it names, or null for an event type that says nothing of it
 * (Send, Open, Click…). A rejection (SES found a virus and sent nothing) counts as a bounce: the message never arrived.
 * An event of these types that does not parse is a failure, not an event to skip.
 */
export function mailStatusReportOf(event: unknown): MailStatusReport | null {
  const { time, detail } = sesEvent.parse(event);
  if (!STATUS_EVENT_TYPES.has(detail.eventType)) return null;
  const parsed = record.parse(detail);
  const messageId = parsed.mail.messageId;
  switch (parsed.eventType) {
    case 'Delivery':
      return { messageId, status: 'delivered', at: parsed.delivery.timestamp };
    case 'Bounce': {
      const { bounceType, bounceSubType, timestamp, bouncedRecipients } = parsed.bounce;
      const why = bouncedRecipients.map((recipient) => `${recipient.emailAddress}: ${recipient.diagnosticCode ?? recipient.status ?? 'no diagnostic'}`);
      return { messageId, status: 'bounced', at: timestamp, detail: `${bounceType}/${bounceSubType} — ${why.join('; ')}` };
    }
    case 'Complaint': {
      const { complaintFeedbackType, timestamp, complainedRecipients } = parsed.complaint;
      const who = complainedRecipients.map((recipient) => recipient.emailAddress);
      return { messageId, status: 'complained', at: timestamp, detail: [complaintFeedbackType ?? 'complaint', ...(who.length > 0 ? [who.join(', ')] : [])].join(' — ') };
    }
    case 'Reject':
      return { messageId, status: 'bounced', at: time, detail: `Rejected by SES — ${parsed.reject.reason}` };
  }
}
