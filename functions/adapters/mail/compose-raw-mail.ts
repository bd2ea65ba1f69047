import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailbox, OutgoingMail } from '../../../domain/shared/mail.ts';

export interface RawMailOptions {
  /** The sending identity, with the display name recipients see. */
  readonly from: Mailbox;
  /** The Date header: the mailer's clock, so that the archived bytes say when they were made. */
  readonly date: Date;
}

const address = ({ name, address }: Mailbox) => (name === undefined ? address : { name, address });

/**
 * The message as RFC 5322 bytes (CRLF lines): text and HTML as alternatives, the attachments beside them, headers
 * with non-ASCII words encoded (RFC 2047). These are the very bytes sent and archived. The content is given as
 * bytes only: file and URL access stay off, so nothing in a mail can make the composer read the disk or the network.
 */
export async function composeRawMail(mail: OutgoingMail, options: RawMailOptions): Promise<Buffer> {
  const composer = new MailComposer({
    from: address(options.from),
    to: mail.to.map(address),
    cc: (mail.cc ?? []).map(address),
    ...(mail.replyTo ? { replyTo: address(mail.replyTo) } : {}),
    subject: mail.subject,
    date: options.date,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content),
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}
