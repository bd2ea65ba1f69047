import { SendRawEmailCommand, SESServiceException, type SESClient } from '@aws-sdk/client-ses';
import type { Clock } from '../../../domain/shared/clock.ts';
import type { FileStore } from '../../../domain/shared/files.ts';
import type { Mailbox, Mailer, OutgoingMail } from '../../../domain/shared/mail.ts';
import type { MailLedger } from '../dynamodb/mail-ledger.ts';
import { composeRawMail } from '../mail/compose-raw-mail.ts';

/**
 * How long a send key stays claimed by the attempt that claimed it (MailLedgerOptions.leaseSeconds): well above what
 * one attempt takes (compose, archive, SES with its throttling retries: seconds) and a Lambda's time-out.
 */
export const SEND_LEASE_SECONDS = 60;

/** Where the mailer archives each message it sends, as `<prefix><sendKey>.eml` (the mail-sending policy's objects). */
export const MAIL_ARCHIVE_PREFIX = 'mail/';

/** Send keys name business actions (`quote-<qte>-v<n>-send`): they are also a file name and an SES tag value. */
const SEND_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

export interface SesMailerOptions {
  readonly ledger: MailLedger;
  readonly files: FileStore;
  /** Built with `maxAttempts: 1`: the SDK would retry a timed-out send (a second message) and multiply our retries. */
  readonly ses: SESClient;
  readonly from: Mailbox;
  readonly configurationSet: string;
  readonly clock: Clock;
  /** SES `Throttling` (the sending rate): sends in all, the first included, and the wait between them (tests: none). */
  readonly throttling?: { readonly attempts?: number; readonly pause?: (milliseconds: number) => Promise<void> };
}

const THROTTLING_ATTEMPTS = 5;
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;
const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** SES tags allow letters, digits, `_` and `-`, up to 256 of them. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

/**
 * The mailer over SES SendRawEmail, once per send key, with a ledger item in the table (mail-ledger.ts):
 * 1. claim the key (a conditional put in state `sending`); a key already sent answers its record and sends nothing;
 * 2. compose the raw MIME, archive those exact bytes in the file store (`mail/<sendKey>.eml`);
 * 3. SendRawEmail to To and Cc through the configuration set, whose notifications update the record;
 * 4. record it `sent` with SES's message id, and the look-up item notifications find it by (one transaction).
 * A failure before SES, or SES refusing the request (a client error: nothing left), gives the claim back: a retry
 * sends at once.
 *
 * At least once, not exactly once: if the attempt dies between SES accepting the message and step 4 (a crash, a time-out
 * while waiting for SES's answer, an SES server error, the ledger write failing), nothing records that the message left. Its claim is then
 * kept: a retry within the lease is refused (409), and one after the lease takes the claim over and sends the message
 * again. The first copy's notifications name a message id the ledger does not know (mail-notifications.ts lets them
 * fail, to its dead-letter queue: the trace of that duplicate). SES has no idempotency key to close this window.
 */
export function createSesMailer(options: SesMailerOptions): Mailer {
  const { ledger, files, ses, from, configurationSet, clock } = options;
  const attempts = options.throttling?.attempts ?? THROTTLING_ATTEMPTS;
  const pause = options.throttling?.pause ?? sleep;

  async function sendRaw(raw: Buffer, mail: OutgoingMail, send: { sendKey: string; documentId: string }): Promise<string> {
    const command = new SendRawEmailCommand({
      RawMessage: { Data: raw },
      Destinations: [...mail.to, ...(mail.cc ?? [])].map((mailbox) => mailbox.address),
      ConfigurationSetName: configurationSet,
      Tags: [
        { Name: 'send-key', Value: tagValue(send.sendKey) },
        { Name: 'document-id', Value: tagValue(send.documentId) },
      ],
    });
    for (let attempt = 1; ; attempt++) {
      try {
        const { MessageId } = await ses.send(command);
        if (!MessageId) throw new Error('SES accepted the message without a MessageId');
        return MessageId;
      } catch (error) {
        // SES refused it for the sending rate: nothing left, so sending it again later sends it once.
        if (!(error instanceof SESServiceException && error.name === 'Throttling') || attempt >= attempts) throw error;
        await pause(Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1)));
      }
    }
  }

  return {
    async send(mail, send) {
      if (!SEND_KEY.test(send.sendKey)) throw new Error(`${JSON.stringify(send.sendKey)} is not a send key: letters, digits, _ . - (200 at most)`);
      const claim = await ledger.claim(send);
      if (claim.kind === 'sent') return claim.mail;
      const sentAt = clock.now();
      const archiveKey = `${MAIL_ARCHIVE_PREFIX}${send.sendKey}.eml`;
      let raw: Buffer;
      try {
        raw = await composeRawMail(mail, { from: mail.fromName ? { ...from, name: mail.fromName } : from, date: sentAt });
        await files.put(archiveKey, raw, 'message/rfc822');
      } catch (error) {
        await ledger.release(send.sendKey, claim.version);
        throw error;
      }
      let messageId: string;
      try {
        messageId = await sendRaw(raw, mail, send);
      } catch (error) {
        // SES refused the request (its fault is ours): nothing left. Without an answer (a time-out, a lost connection) or
        // with a server error, the message may have left: the claim stays until its lease ends.
        if (error instanceof SESServiceException && error.$fault === 'client') await ledger.release(send.sendKey, claim.version);
        throw error;
      }
      const at = sentAt.toISOString();
      return ledger.recordSent(
        { sendKey: send.sendKey, messageId, sentAt: at, to: mail.to, cc: mail.cc ?? [], subject: mail.subject, archiveKey, status: 'sent', statusAt: at },
        send.documentId,
        claim.version,
      );
    },
    sentFor: (documentId) => ledger.sentFor(documentId),
  };
}
