import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageRejected, SendRawEmailCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../domain/shared/errors.ts';
import type { OutgoingMail } from '../../../domain/shared/mail.ts';
import { createMailLedger, type MailLedger } from '../../../functions/adapters/dynamodb/mail-ledger.ts';
import { createDirectoryFileStore } from '../../../functions/adapters/files/directory-file-store.ts';
import { createSesMailer, SEND_LEASE_SECONDS } from '../../../functions/adapters/ses/ses-mailer.ts';
import { readHeaders } from '../../../infra/local/mime-headers.ts';
import { testTable } from '../../support/table.ts';

const table = await testTable('mailer');
const filesDir = await mkdtemp(join(tmpdir(), 'comptoir-mailer-'));
afterAll(() => rm(filesDir, { recursive: true, force: true }));
const files = createDirectoryFileStore(filesDir);

let now = new Date('2027-03-01T09:00:00.000Z');
const clock = { now: () => new Date(now) };
const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

const ses = new SESClient({ region: 'eu-west-3', maxAttempts: 1 });
const sesMock = mockClient(ses);
/** The message ids SES answered, in order: each is a message that left. */
let accepted: string[];
const accept = () => {
  accepted.push(`ses-${accepted.length + 1}-${Math.random().toString(36).slice(2)}`);
  return { MessageId: accepted.at(-1) };
};
/** What SES answers: behaviours once (from the test's first send on), then it accepts every message. */
const sesAnswers = () => sesMock.on(SendRawEmailCommand);
beforeEach(() => {
  sesMock.reset();
  accepted = [];
  sesAnswers().callsFake(accept);
});
const sesCalls = () => sesMock.commandCalls(SendRawEmailCommand);

const ledger = createMailLedger(table, { leaseSeconds: SEND_LEASE_SECONDS, clock });
const mailerWith = (ledgerUsed: MailLedger = ledger) =>
  createSesMailer({
    ledger: ledgerUsed,
    files,
    ses,
    from: { name: 'Comptoir Devis', address: 'devis@comptoir.example' },
    configurationSet: 'comptoir-test',
    clock,
    throttling: { pause: async () => {} },
  });
const mailer = mailerWith();

const mail: OutgoingMail = {
  to: [{ name: 'Anne Dupont', address: 'anne@dupont.fr' }],
  cc: [{ address: 'compta@dupont.fr' }],
  replyTo: { name: 'Alice', address: 'alice@comptoir.example' },
  subject: 'Votre devis D-2027-0001',
  text: 'Bonjour',
  html: '<p>Bonjour</p>',
  attachments: [{ filename: 'D-2027-0001.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7') }],
};
let keys = 0;
const sendKey = () => `quote-qte_${++keys}-v1-send`;
const item = async (pk: string, sk: string) => (await table.client.send(new GetCommand({ TableName: table.name, Key: { pk, sk }, ConsistentRead: true }))).Item;

describe('the SES mailer', () => {
  it('sends the archived bytes once through the configuration set, to To and Cc, and records the message', async () => {
    const key = `reminder-inv_1.${++keys}`;
    const sent = await mailer.send(mail, { sendKey: key, documentId: 'qte_1' });

    expect(sent).toEqual({
      sendKey: key,
      messageId: accepted[0],
      sentAt: now.toISOString(),
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      archiveKey: `mail/${key}.eml`,
      status: 'sent',
      statusAt: now.toISOString(),
    });
    const [call] = sesCalls();
    const input = call!.args[0].input;
    const archived = await files.get(`mail/${key}.eml`);
    expect(Buffer.from(input.RawMessage!.Data!).equals(Buffer.from(archived!))).toBe(true);
    expect(readHeaders(archived!).get('subject')).toBe(mail.subject);
    expect(input).toMatchObject({
      Destinations: ['anne@dupont.fr', 'compta@dupont.fr'],
      ConfigurationSetName: 'comptoir-test',
      Tags: [{ Name: 'send-key', Value: `reminder-inv_1_${keys}` }, { Name: 'document-id', Value: 'qte_1' }],
    });
    expect(await item(`MAIL#${key}`, '#MAIL')).toMatchObject({ state: 'sent', version: 2, documentId: 'qte_1', gsi4pk: 'DOCUMENT#qte_1#MAILS' });
    expect(await item(`SES_MESSAGE#${accepted[0]}`, '#SES_MESSAGE')).toMatchObject({ sendKey: key });
  });

  it('sends nothing the second time with the same key, and answers the first record', async () => {
    const key = sendKey();
    const first = await mailer.send(mail, { sendKey: key, documentId: 'qte_2' });
    later(3600);
    const second = await mailer.send({ ...mail, subject: 'Another subject' }, { sendKey: key, documentId: 'qte_2' });
    expect(second).toEqual(first);
    expect(sesCalls()).toHaveLength(1);
  });

  it('gives the claim back when SES refuses the message, so that a retry sends it, once', async () => {
    const key = sendKey();
    sesAnswers().rejectsOnce(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } })).callsFake(accept);
    await expect(mailer.send(mail, { sendKey: key, documentId: 'qte_3' })).rejects.toThrow(MessageRejected);
    expect(await item(`MAIL#${key}`, '#MAIL')).toBeUndefined();

    const sent = await mailer.send(mail, { sendKey: key, documentId: 'qte_3' });
    await mailer.send(mail, { sendKey: key, documentId: 'qte_3' });
    expect(sesCalls()).toHaveLength(2);
    expect(accepted).toEqual([sent.messageId]);
  });

  it('gives the claim back when the archive fails, before anything is sent', async () => {
    const key = sendKey();
    const failingFiles = { ...files, put: async () => Promise.reject(new Error('disk full')) };
    const mailerWithoutArchive = createSesMailer({ ledger, files: failingFiles, ses, from: { address: 'devis@comptoir.example' }, configurationSet: 'comptoir-test', clock });
    await expect(mailerWithoutArchive.send(mail, { sendKey: key, documentId: 'qte_4' })).rejects.toThrow('disk full');
    expect(sesCalls()).toHaveLength(0);
    await mailer.send(mail, { sendKey: key, documentId: 'qte_4' });
    expect(accepted).toHaveLength(1);
  });

  it('waits out SES throttling a bounded number of times', async () => {
    const throttling = () => new SESServiceException({ name: 'Throttling', $fault: 'client', message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 400 } });
    const slowed = sendKey();
    sesAnswers().rejectsOnce(throttling()).rejectsOnce(throttling()).callsFake(accept);
    const sent = await mailer.send(mail, { sendKey: slowed, documentId: 'qte_5' });
    expect(sesCalls()).toHaveLength(3);
    expect(accepted).toEqual([sent.messageId]);

    sesMock.reset();
    sesAnswers().rejects(throttling());
    const refused = sendKey();
    await expect(mailer.send(mail, { sendKey: refused, documentId: 'qte_5' })).rejects.toThrow('Maximum sending rate exceeded.');
    expect(sesCalls()).toHaveLength(5);
    expect(await item(`MAIL#${refused}`, '#MAIL')).toBeUndefined();
  });

  it('keeps the claim when SES did not answer (the message may have left): refused within the lease, sent again after it', async () => {
    const key = sendKey();
    sesAnswers().rejectsOnce(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).callsFake(accept);
    await expect(mailer.send(mail, { sendKey: key, documentId: 'qte_6' })).rejects.toThrow('socket hang up');
    expect(await item(`MAIL#${key}`, '#MAIL')).toMatchObject({ state: 'sending', version: 1 });

    later(SEND_LEASE_SECONDS - 1);
    await expect(mailer.send(mail, { sendKey: key, documentId: 'qte_6' })).rejects.toThrow(ConflictError);
    expect(sesCalls()).toHaveLength(1);

    later(2);
    const sent = await mailer.send(mail, { sendKey: key, documentId: 'qte_6' });
    expect(sesCalls()).toHaveLength(2);
    expect(await item(`MAIL#${key}`, '#MAIL')).toMatchObject({ state: 'sent', version: 3, messageId: sent.messageId });
  });

  it('keeps the claim on an SES server error too: whether the message left is unknown', async () => {
    const key = sendKey();
    sesAnswers()
      .rejectsOnce(new SESServiceException({ name: 'InternalFailure', $fault: 'server', message: 'Internal error', $metadata: { httpStatusCode: 500 } }))
      .callsFake(accept);
    await expect(mailer.send(mail, { sendKey: key, documentId: 'qte_6' })).rejects.toThrow('Internal error');
    await expect(mailer.send(mail, { sendKey: key, documentId: 'qte_6' })).rejects.toThrow(ConflictError);
    expect(sesCalls()).toHaveLength(1);
  });

  it('sends a second copy when the attempt died after SES accepted the message (at least once, as documented)', async () => {
    const key = sendKey();
    const crashing: MailLedger = { ...ledger, recordSent: async () => Promise.reject(new Error('Lambda timed out')) };
    await expect(mailerWith(crashing).send(mail, { sendKey: key, documentId: 'qte_7' })).rejects.toThrow('Lambda timed out');
    expect(accepted).toHaveLength(1);

    await expect(mailer.send(mail, { sendKey: key, documentId: 'qte_7' })).rejects.toThrow(/being sent by another attempt/);
    later(SEND_LEASE_SECONDS + 1);
    const sent = await mailer.send(mail, { sendKey: key, documentId: 'qte_7' });

    expect(accepted).toHaveLength(2);
    expect(sent.messageId).toBe(accepted[1]);
    expect(await item(`SES_MESSAGE#${accepted[0]}`, '#SES_MESSAGE')).toBeUndefined();
    expect(await ledger.recordStatus({ messageId: accepted[0]!, status: 'delivered', at: now.toISOString() })).toEqual({ kind: 'unknown' });
    expect(await mailer.send(mail, { sendKey: key, documentId: 'qte_7' })).toEqual(sent);
    expect(accepted).toHaveLength(2);
  });

  it('keeps the record of the attempt that took over when a stalled one comes back after its lease', async () => {
    const key = sendKey();
    let resume!: () => void;
    sesAnswers()
      .callsFakeOnce(async () => {
        await new Promise<void>((resolve) => (resume = resolve));
        accepted.push('ses-stalled');
        return { MessageId: 'ses-stalled' };
      })
      .callsFake(accept);
    const stalled = mailer.send(mail, { sendKey: key, documentId: 'qte_8' });
    await expect.poll(() => sesCalls().length).toBe(1);
    later(SEND_LEASE_SECONDS + 1);
    const takenOver = await mailer.send(mail, { sendKey: key, documentId: 'qte_8' });
    resume();
    expect(await stalled).toEqual(takenOver);
    expect(accepted).toEqual([takenOver.messageId, 'ses-stalled']);
  });

  it('lets one of two concurrent sends with the same key send, and refuses the other while it does', async () => {
    const key = sendKey();
    const outcomes = await Promise.allSettled([mailer.send(mail, { sendKey: key, documentId: 'qte_9' }), mailer.send(mail, { sendKey: key, documentId: 'qte_9' })]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
    expect(accepted).toHaveLength(1);
  });

  it('lists the messages sent about a document, oldest first, and none still being sent or of another document', async () => {
    const documentId = 'qte_list';
    sesAnswers().rejectsOnce(new Error('no answer')).callsFake(accept);
    await expect(mailer.send(mail, { sendKey: sendKey(), documentId })).rejects.toThrow('no answer');
    const sent = [];
    for (const subject of ['Devis', 'Relance', 'Devis révisé']) {
      later(60);
      sent.push(await mailer.send({ ...mail, subject }, { sendKey: sendKey(), documentId }));
    }
    await mailer.send(mail, { sendKey: sendKey(), documentId: 'qte_other' });

    expect(await mailer.sentFor(documentId)).toEqual(sent);
    expect((await mailer.sentFor(documentId)).map((message) => message.subject)).toEqual(['Devis', 'Relance', 'Devis révisé']);
    expect(await mailer.sentFor('qte_none')).toEqual([]);
  });

  it('refuses a send key that cannot name a file nor an SES tag, before claiming it', async () => {
    await expect(mailer.send(mail, { sendKey: 'quote/../x', documentId: 'qte_10' })).rejects.toThrow(/is not a send key/);
    expect(sesCalls()).toHaveLength(0);
  });
});
