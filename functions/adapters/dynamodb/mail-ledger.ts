import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import type { Clock } from '../../../domain/shared/clock.ts';
import { ConflictError, NotFoundError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { eventFactory } from '../../../domain/shared/event-factory.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import { MAIL_PROVIDER_ACTOR, mailEventSchemas } from '../../../domain/shared/mail-events.ts';
import { MAIL_STATUSES, mailStatusAfter, type MailStatusReport } from '../../../domain/shared/mail-status.ts';
import type { SentMail } from '../../../domain/shared/mail.ts';
import { retryWriteConflicts } from '../../../domain/shared/write-retry.ts';
import type { Table } from './client.ts';
import { defineEntity } from './entity.ts';
import type { Item } from './items.ts';
import { queryAll } from './pagination.ts';
import { getRecord } from './record-reads.ts';
import { transact } from './transactions.ts';

const mailboxSchema = z.strictObject({ name: z.string().optional(), address: z.string() });
const claimFields = { sendKey: z.string(), documentId: z.string(), version: z.number().int() };

/** A send in progress: the attempt that put it holds it until `leaseUntil` (epoch seconds). */
const sendingSchema = z.strictObject({ state: z.literal('sending'), ...claimFields, claimedAt: z.string(), leaseUntil: z.number().int() });
const sentSchema = z.strictObject({
  state: z.literal('sent'),
  ...claimFields,
  messageId: z.string(),
  sentAt: z.string(),
  to: z.array(mailboxSchema).readonly(),
  cc: z.array(mailboxSchema).readonly(),
  subject: z.string(),
  archiveKey: z.string(),
  status: z.enum(MAIL_STATUSES),
  statusAt: z.string(),
  statusDetail: z.string().optional(),
});
type SendingRecord = z.infer<typeof sendingSchema>;
type SentRecord = z.infer<typeof sentSchema>;
type MailRecord = SendingRecord | SentRecord;

/** The partition keys of the ledger's items: the notifications consumer may read and write these only (and events). */
export const MAIL_KEY_PREFIX = 'MAIL#';
export const SES_MESSAGE_KEY_PREFIX = 'SES_MESSAGE#';

/** The ledger of sends, one item per send key; the chart in README.md explains each key. */
export const mailEntity = defineEntity({
  name: 'mail',
  schema: z.discriminatedUnion('state', [sendingSchema, sentSchema]),
  key: { pk: (mail: { sendKey: string }) => `${MAIL_KEY_PREFIX}${mail.sendKey}`, sk: () => '#MAIL' },
  /** Sent messages only, under the document they concern, oldest first. */
  indexes: {
    gsi4: {
      pk: (mail: { documentId: string; state?: MailRecord['state'] }) => (mail.state === 'sending' ? undefined : `DOCUMENT#${mail.documentId}#MAILS`),
      sk: (mail: SentRecord) => `${mail.sentAt}#${mail.sendKey}`,
    },
  },
});

/** A provider's message id → the send key of its ledger item: notifications name the message, not the send. */
export const sesMessageEntity = defineEntity({
  name: 'ses-message',
  schema: z.strictObject({ messageId: z.string(), sendKey: z.string() }),
  key: { pk: (message: { messageId: string }) => `${SES_MESSAGE_KEY_PREFIX}${message.messageId}`, sk: () => '#SES_MESSAGE' },
});

export type MailClaim = { readonly kind: 'claimed'; readonly version: number } | { readonly kind: 'sent'; readonly mail: SentMail };
export type StatusOutcome =
  | { readonly kind: 'changed'; readonly mail: SentMail; readonly event: DomainEvent }
  | { readonly kind: 'unchanged'; readonly mail: SentMail }
  | { readonly kind: 'unknown' };

export interface MailLedger {
  /** Claims the send key for one attempt, or answers the message already sent with it (ConflictError while another attempt holds it). */
  claim(send: { readonly sendKey: string; readonly documentId: string }): Promise<MailClaim>;
  /** Gives up a claim whose message was certainly not sent, so that a retry may send at once. */
  release(sendKey: string, claimVersion: number): Promise<void>;
  /** Records the message sent under a claim, and its provider message id for the notifications. */
  recordSent(mail: SentMail, documentId: string, claimVersion: number): Promise<SentMail>;
  sentFor(documentId: string): Promise<SentMail[]>;
  /** Applies a provider's report to the message it names, with its `mail.status_changed` event, unless it changes nothing. */
  recordStatus(report: MailStatusReport): Promise<StatusOutcome>;
}

export interface MailLedgerOptions {
  /**
   * How long a claim keeps other attempts off (seconds): longer than an attempt can take (a Lambda's time-out), so
   * that only an attempt that died loses it.
   */
  readonly leaseSeconds: number;
  /** Claims' leases and events' times. */
  readonly clock: Clock;
}

const makeEvent = eventFactory(mailEventSchemas);
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

function sentMailOf({ state: _state, documentId: _documentId, version: _version, ...mail }: SentRecord): SentMail {
  return mail;
}

export function createMailLedger(table: Table, options: MailLedgerOptions): MailLedger {
  const { leaseSeconds, clock } = options;
  const read = (sendKey: string) => getRecord(table, mailEntity, mailEntity.key({ sendKey }));

  /** Puts the claim on its condition, or answers the item stored when the condition failed. */
  async function putClaim(claim: SendingRecord, condition: string, values: Item = {}): Promise<{ stored: true } | { stored: false; existing: MailRecord }> {
    try {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: mailEntity.item(claim),
          ConditionExpression: condition,
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { stored: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      return { stored: false, existing: mailEntity.parse(unmarshall(error.Item as never)) };
    }
  }

  const inProgress = (sendKey: string) => new ConflictError('concurrent_update', `The message ${sendKey} is being sent by another attempt; try again in a minute`);

  return {
    async claim({ sendKey, documentId }) {
      const now = clock.now();
      const claim = (version: number): SendingRecord => ({ state: 'sending', sendKey, documentId, version, claimedAt: now.toISOString(), leaseUntil: epochSeconds(now) + leaseSeconds });
      const first = await putClaim(claim(1), 'attribute_not_exists(pk)');
      if (first.stored) return { kind: 'claimed', version: 1 };
      const { existing } = first;
      if (existing.state === 'sent') return { kind: 'sent', mail: sentMailOf(existing) };
      if (existing.leaseUntil > epochSeconds(now)) throw inProgress(sendKey);
      // The attempt that claimed it died, maybe after its message left (see ses-mailer.ts): this one sends again.
      const takeover = await putClaim(claim(existing.version + 1), 'version = :expected', { ':expected': existing.version });
      if (takeover.stored) return { kind: 'claimed', version: existing.version + 1 };
      if (takeover.existing.state === 'sent') return { kind: 'sent', mail: sentMailOf(takeover.existing) };
      throw inProgress(sendKey);
    },

    async release(sendKey, claimVersion) {
      try {
        await table.client.send(
          new DeleteCommand({
            TableName: table.name,
            Key: mailEntity.key({ sendKey }),
            ConditionExpression: '#state = :sending AND version = :expected',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':sending': 'sending', ':expected': claimVersion },
          }),
        );
      } catch (error) {
        // Taken over meanwhile: the claim is no longer this attempt's to give up.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async recordSent(mail, documentId, claimVersion) {
      const record: SentRecord = { state: 'sent', documentId, version: claimVersion + 1, ...mail };
      try {
        await transact(
          table,
          [
            { kind: 'replace', item: mailEntity.item(record), expectedVersion: claimVersion, resource: 'Mail', id: mail.sendKey },
            { kind: 'create', item: sesMessageEntity.item({ messageId: mail.messageId, sendKey: mail.sendKey }), resource: 'SES message' },
          ],
          [],
        );
        return mail;
      } catch (error) {
        if (!(error instanceof WriteConflictError || error instanceof NotFoundError)) throw error;
        // Another attempt took the claim over and recorded its own message first: that record stands.
        const stored = await read(mail.sendKey);
        if (stored?.state === 'sent') return sentMailOf(stored);
        throw error;
      }
    },

    async sentFor(documentId) {
      const items = await queryAll(table, {
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': mailEntity.indexes.gsi4.pk({ documentId }) },
      });
      return items.map((item) => {
        const record = mailEntity.parse(item);
        if (record.state !== 'sent') throw new Error(`The mail ${record.sendKey} is listed under its document before it was sent`);
        return sentMailOf(record);
      });
    },

    async recordStatus(report) {
      const message = await getRecord(table, sesMessageEntity, sesMessageEntity.key(report));
      if (!message) return { kind: 'unknown' };
      // Two notifications of one message may race (one per recipient): the loser reads the winner's status and decides again.
      return retryWriteConflicts(async (): Promise<StatusOutcome> => {
        const stored = await read(message.sendKey);
        if (stored?.state !== 'sent') throw new Error(`The SES message ${report.messageId} names the mail ${message.sendKey}, which is not recorded as sent`);
        const status = mailStatusAfter(stored.status, report.status);
        if (status === null) return { kind: 'unchanged', mail: sentMailOf(stored) };
        const { statusDetail: _previousDetail, ...unchanged } = stored;
        const next: SentRecord = { ...unchanged, version: stored.version + 1, status, statusAt: report.at, ...(report.detail === undefined ? {} : { statusDetail: report.detail }) };
        const event = makeEvent(
          'mail.status_changed',
          { sendKey: stored.sendKey, documentId: stored.documentId, messageId: stored.messageId, status: report.status, ...(report.detail === undefined ? {} : { detail: report.detail }) },
          { actor: MAIL_PROVIDER_ACTOR, clock, subject: stored.sendKey },
        );
        await transact(table, [{ kind: 'replace', item: mailEntity.item(next), expectedVersion: stored.version, resource: 'Mail', id: stored.sendKey }], [event]);
        return { kind: 'changed', mail: sentMailOf(next), event };
      });
    },
  };
}
