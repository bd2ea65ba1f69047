/**
 * The e-mail port (DESIGN §6): a context composes the message, the mailer builds the raw MIME, archives the exact
 * bytes and sends them once per business action. Implemented by SES SendRawEmail in AWS and by the local outbox.
 */
export interface Mailbox {
  readonly name?: string;
  readonly address: string;
}

export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface OutgoingMail {
  /** The name recipients see beside the sending address (the company's); the configured one when absent. */
  readonly fromName?: string;
  readonly to: readonly Mailbox[];
  readonly cc?: readonly Mailbox[];
  /** The agent: the customer's answer reaches them, not the sending identity. */
  readonly replyTo?: Mailbox;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly MailAttachment[];
}

/** Where a sent message stands, as the provider's notifications tell. */
export type MailStatus = 'sent' | 'delivered' | 'bounced' | 'complained';

export interface SentMail {
  /** The key of the business action (`quote-<qte>-v<n>-send`): a second send with it sends nothing. */
  readonly sendKey: string;
  /** The provider's message id (SES's), which its notifications name. */
  readonly messageId: string;
  readonly sentAt: string;
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  readonly subject: string;
  /** Where the exact `.eml` bytes are kept (a key of the file store). */
  readonly archiveKey: string;
  readonly status: MailStatus;
  /** When the status last changed, and why (a bounce's diagnostic). */
  readonly statusAt: string;
  readonly statusDetail?: string;
}

export interface Mailer {
  /**
   * Sends `mail` unless a message was already sent with `sendKey`, in which case it returns that one's record and
   * sends nothing. `documentId` files the record under the document it concerns (its notifications update it there).
   */
  send(mail: OutgoingMail, options: { readonly sendKey: string; readonly documentId: string }): Promise<SentMail>;
  /** The messages sent about a document, oldest first. */
  sentFor(documentId: string): Promise<readonly SentMail[]>;
}
