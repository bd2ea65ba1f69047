import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createLocalDynamoDbClient, ensureTable } from '../../../infra/local/dynamodb-local.ts';
import { sesEvents } from '../../support/ses-events.ts';
import { ownTableInSharedDynamoDb } from '../../support/table.ts';

// The handler reads its table from the environment, as in its Lambda: a table of this file's own.
const { dynamodbEndpoint, tableName } = ownTableInSharedDynamoDb('mail-notifications');
const admin = createLocalDynamoDbClient(dynamodbEndpoint);
await ensureTable(admin, tableName).finally(() => admin.destroy());
Object.assign(process.env, { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamodbEndpoint });
const { recordMailNotification, UnknownMailMessageError } = await import('../../../functions/events/mail-notifications.ts');
const { mailLedger, table } = await import('../../../functions/composition.ts');

const notify = (event: object) => recordMailNotification(event as EventBridgeEvent<string, unknown>);
const get = async (pk: string, sk: string) => (await table().client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;
const mailItem = (sendKey: string) => get(`MAIL#${sendKey}`, '#MAIL');

let sends = 0;
/** A message the mailer sent: claimed, then recorded with its SES message id. */
async function sentMail(documentId = 'qte_1') {
  const n = ++sends;
  const sendKey = `quote-qte_${n}-v1-send`;
  const messageId = `0100018d-ses-${n}-000000`;
  const claim = await mailLedger().claim({ sendKey, documentId });
  if (claim.kind !== 'claimed') throw new Error('seeded twice');
  const sentAt = '2027-03-01T09:00:00.000Z';
  await mailLedger().recordSent(
    { sendKey, messageId, sentAt, to: [{ address: 'anne@dupont.fr' }], cc: [{ address: 'compta@dupont.fr' }], subject: 'Devis', archiveKey: `mail/${sendKey}.eml`, status: 'sent', statusAt: sentAt },
    documentId,
    claim.version,
  );
  return { sendKey, messageId, documentId };
}

describe('the SES notifications consumer', () => {
  it('records a delivery on the message, with a mail.status_changed event in the same transaction', async () => {
    const { sendKey, messageId, documentId } = await sentMail();
    const outcome = await mailLedger().recordStatus({ messageId, status: 'delivered', at: '2027-03-01T09:00:02.000Z' });
    expect(outcome.kind).toBe('changed');
    expect(await mailItem(sendKey)).toMatchObject({ status: 'delivered', statusAt: '2027-03-01T09:00:02.000Z', version: 3 });
    const event = outcome.kind === 'changed' ? outcome.event : undefined;
    expect(await get(`EVENT#${event!.id}`, 'EVENT')).toMatchObject({
      type: 'mail.status_changed',
      version: 1,
      actorId: 'aws.ses',
      subject: sendKey,
      data: { sendKey, documentId, messageId, status: 'delivered' },
    });
  });

  it('changes nothing for a duplicate notification', async () => {
    const { sendKey, messageId } = await sentMail();
    expect(await notify(sesEvents.delivery(messageId))).toBe('changed');
    const once = await mailItem(sendKey);
    expect(await notify(sesEvents.delivery(messageId))).toBe('unchanged');
    expect(await mailItem(sendKey)).toEqual(once);
  });

  it('keeps a bounce over a later delivery, and a complaint over a bounce, with their details', async () => {
    const { sendKey, messageId } = await sentMail();
    await notify(sesEvents.delivery(messageId));
    expect(await notify(sesEvents.bounce(messageId))).toBe('changed');
    expect(await mailItem(sendKey)).toMatchObject({ status: 'bounced', statusDetail: 'Permanent/General — compta@dupont.fr: smtp; 550 5.1.1 user unknown', version: 4 });
    expect(await notify(sesEvents.delivery(messageId, '2027-03-01T09:05:00.000Z'))).toBe('unchanged');
    expect(await mailItem(sendKey)).toMatchObject({ status: 'bounced', version: 4 });
    expect(await notify(sesEvents.complaint(messageId))).toBe('changed');
    expect(await mailItem(sendKey)).toMatchObject({ status: 'complained', statusDetail: 'abuse — anne@dupont.fr', statusAt: '2027-03-02T10:00:00.000Z' });
  });

  it('records a rejection as a bounce, and the document\'s list shows the status', async () => {
    const { sendKey, messageId, documentId } = await sentMail('qte_rejected');
    await notify(sesEvents.reject(messageId));
    expect(await mailLedger().sentFor(documentId)).toEqual([expect.objectContaining({ sendKey, status: 'bounced', statusDetail: 'Rejected by SES — Bad content' })]);
  });

  it('settles two notifications racing on one message on the stronger status', async () => {
    const { sendKey, messageId } = await sentMail();
    const outcomes = await Promise.all([notify(sesEvents.delivery(messageId)), notify(sesEvents.bounce(messageId))]);
    expect(outcomes).toContain('changed');
    expect(await mailItem(sendKey)).toMatchObject({ status: 'bounced' });
  });

  it('fails on a message the ledger does not know, so that the notification is retried, then dead-lettered', async () => {
    await expect(notify(sesEvents.delivery('0100018d-unknown-000000'))).rejects.toThrow(UnknownMailMessageError);
  });

  it('ignores the events that say nothing of the status', async () => {
    const { sendKey, messageId } = await sentMail();
    expect(await notify(sesEvents.open(messageId))).toBe('ignored');
    expect(await mailItem(sendKey)).toMatchObject({ status: 'sent', version: 2 });
  });
});
