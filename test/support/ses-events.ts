/**
 * SES events as EventBridge delivers them from a configuration set's event destination, shaped on the examples of
 * the SES developer guide (event publishing records) inside EventBridge's envelope.
 */
type SesEventType = 'Delivery' | 'Bounce' | 'Complaint' | 'Reject' | 'Open';
const DETAIL_TYPES: Record<SesEventType, string> = {
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Reject: 'Email Rejected',
  Open: 'Email Opened',
};

function envelope(eventType: SesEventType, messageId: string, time: string, body: Record<string, unknown>) {
  return {
    version: '0',
    id: `evt-${eventType}-${messageId}-${time}`,
    'detail-type': DETAIL_TYPES[eventType],
    source: 'aws.ses',
    account: '123456789012',
    time: time.replace(/\.\d{3}Z$/, 'Z'),
    region: 'eu-west-3',
    resources: [],
    detail: {
      eventType,
      mail: {
        timestamp: '2027-03-01T09:00:00.000Z',
        source: 'Comptoir Devis <devis@comptoir.example>',
        sourceArn: 'arn:aws:ses:eu-west-3:123456789012:identity/devis@comptoir.example',
        sendingAccountId: '123456789012',
        messageId,
        destination: ['anne@dupont.fr', 'compta@dupont.fr'],
        headersTruncated: false,
        headers: [{ name: 'Subject', value: 'Votre devis D-2027-0001' }],
        commonHeaders: { from: ['Comptoir Devis <devis@comptoir.example>'], to: ['anne@dupont.fr'], subject: 'Votre devis D-2027-0001' },
        tags: { 'ses:configuration-set': ['comptoir-test'], 'ses:caller-identity': ['comptoir-quotes'], 'send-key': ['quote-qte_1-v1-send'] },
      },
      ...body,
    },
  };
}

export const sesEvents = {
  delivery: (messageId: string, at = '2027-03-01T09:00:02.000Z') =>
    envelope('Delivery', messageId, at, {
      delivery: { timestamp: at, processingTimeMillis: 2003, recipients: ['anne@dupont.fr'], smtpResponse: '250 2.6.0 Message received', reportingMTA: 'a8-70.smtp-out.amazonses.com' },
    }),
  bounce: (messageId: string, at = '2027-03-01T09:00:03.000Z') =>
    envelope('Bounce', messageId, at, {
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'compta@dupont.fr', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
        timestamp: at,
        feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
        reportingMTA: 'dsn; mta.dupont.fr',
      },
    }),
  complaint: (messageId: string, at = '2027-03-02T10:00:00.000Z') =>
    envelope('Complaint', messageId, at, {
      complaint: {
        feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
        complaintSubType: null,
        complainedRecipients: [{ emailAddress: 'anne@dupont.fr' }],
        timestamp: at,
        userAgent: 'Mozilla/5.0',
        complaintFeedbackType: 'abuse',
        arrivalDate: at,
      },
    }),
  reject: (messageId: string, at = '2027-03-01T09:00:01.000Z') => envelope('Reject', messageId, at, { reject: { reason: 'Bad content' } }),
  open: (messageId: string, at = '2027-03-01T10:00:00.000Z') => envelope('Open', messageId, at, { open: { timestamp: at, userAgent: 'Mozilla/5.0', ipAddress: '192.0.2.1' } }),
};
