import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand, SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../../domain/shared/mail.ts';
import { composeRawMail } from '../../../functions/adapters/mail/compose-raw-mail.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/dynamodb-local.ts';
import { createLocalServer, type LocalServer } from '../../../infra/local/http-server.ts';
import { readHeaders } from '../../../infra/local/mime-headers.ts';
import { OUTBOX_PATH, SES_PATH } from '../../../infra/local/ses-outbox.ts';
import { startLocalSystem, type LocalSystem } from '../../../infra/local/system.ts';
import { ownTableInSharedDynamoDb } from '../../support/table.ts';

const mail: OutgoingMail = {
  to: [{ name: 'Anne Dupont', address: 'anne@dupont.fr' }],
  cc: [{ name: 'Léa Roux', address: 'lea@dupont.fr' }],
  subject: 'Votre devis n° D-2027-0001',
  text: 'Bonjour Anne,\nVeuillez trouver ci-joint notre devis.',
  html: '<p>Bonjour Anne,</p><p>Veuillez trouver ci-joint notre devis.</p>',
  attachments: [{ filename: 'D-2027-0001.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 devis') }],
};
const from = { name: 'Comptoir', address: 'devis@comptoir.local' };
const emlFiles = async (directory: string) => (await readdir(directory)).filter((name) => name.endsWith('.eml'));

describe('the local SES endpoint', () => {
  let outboxDir: string;
  let server: LocalServer;
  let baseUrl: string;
  let ses: SESClient;

  beforeAll(async () => {
    outboxDir = await mkdtemp(join(tmpdir(), 'comptoir-outbox-'));
    server = createLocalServer({ outboxDir, log: () => {} });
    baseUrl = await server.listen(0);
    ses = new SESClient({ endpoint: `${baseUrl}${SES_PATH}`, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  });
  afterAll(async () => {
    ses?.destroy();
    await server?.close();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('takes SendRawEmail from the unchanged SDK client, writes the exact bytes to the outbox and answers a message id', async () => {
    const raw = await composeRawMail(mail, { from, date: new Date('2027-03-01T09:30:00Z') });
    const { MessageId } = await ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        Destinations: ['anne@dupont.fr', 'lea@dupont.fr'],
        ConfigurationSetName: 'comptoir-local',
        Tags: [{ Name: 'send-key', Value: 'quote-qte_1-v1-send' }],
      }),
    );
    expect(MessageId).toMatch(/^local-[0-9a-f-]{36}$/);
    const [file, ...others] = await emlFiles(outboxDir);
    expect(others).toEqual([]);
    expect(file).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{6}\\.\\d{3}Z-${MessageId}\\.eml$`));
    expect((await readFile(join(outboxDir, file!))).equals(raw)).toBe(true);
  });

  it('answers any other action with an SES error that the SDK raises by its code', async () => {
    const sending = ses.send(new SendEmailCommand({ Source: 'devis@comptoir.local', Destination: { ToAddresses: ['anne@dupont.fr'] }, Message: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } } }));
    await expect(sending).rejects.toMatchObject({ name: 'InvalidAction', message: expect.stringContaining('serves SendRawEmail only'), $metadata: { httpStatusCode: 400 } });
  });

  it('lists the messages on a page, newest first, each with a link to its .eml', async () => {
    await ses.send(new SendRawEmailCommand({ RawMessage: { Data: await composeRawMail({ ...mail, subject: 'Relance — devis D-2027-0001' }, { from, date: new Date() }) } }));
    const response = await fetch(`${baseUrl}${OUTBOX_PATH}`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    const files = (await emlFiles(outboxDir)).sort().reverse();
    expect([...page.matchAll(/<a href="\/_local\/outbox\/([^"]+)">/g)].map((match) => match[1])).toEqual(files);
    expect(page.indexOf('Relance — devis D-2027-0001')).toBeLessThan(page.indexOf('Votre devis n° D-2027-0001'));
    expect(page).toContain('Anne Dupont &#60;anne@dupont.fr&#62;');
    expect(page).toContain('Léa Roux &#60;lea@dupont.fr&#62;');
  });

  it('serves each .eml as message/rfc822, and nothing outside the outbox', async () => {
    const [file] = await emlFiles(outboxDir);
    const response = await fetch(`${baseUrl}${OUTBOX_PATH}/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('message/rfc822');
    expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(join(outboxDir, file!)))).toBe(true);
    const head = await fetch(`${baseUrl}${OUTBOX_PATH}/${file}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'message/rfc822']);
    for (const path of ['none.eml', '..%2F..%2Fetc%2Fpasswd', '%2E%2E/x.eml', '.hidden.eml']) expect((await fetch(`${baseUrl}${OUTBOX_PATH}/${path}`)).status, path).toBe(404);
  });
});

describe('the mailer of the local system', () => {
  let dataDir: string;
  let system: LocalSystem;
  const savedEnvironment = { ...process.env };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'comptoir-mailer-system-'));
    system = await startLocalSystem({ port: 0, dataDir, ...ownTableInSharedDynamoDb('mailer-system'), log: () => {} });
  });
  afterAll(async () => {
    await system?.stop();
    await rm(dataDir, { recursive: true, force: true });
    process.env = savedEnvironment;
  });

  it('sends through the local SES endpoint into .data/outbox, archives the same bytes under .data/files and records the send', async () => {
    expect(system.outboxDir).toBe(join(dataDir, 'outbox'));
    const { mailer } = await import('../../../functions/composition.ts');
    const sent = await mailer().send(mail, { sendKey: 'quote-qte_local-v1-send', documentId: 'qte_local' });

    const [file] = await emlFiles(join(dataDir, 'outbox'));
    expect(file).toContain(sent.messageId);
    const delivered = await readFile(join(dataDir, 'outbox', file!));
    expect(delivered.equals(await readFile(join(dataDir, 'files', 'mail', 'quote-qte_local-v1-send.eml')))).toBe(true);
    expect(readHeaders(delivered).get('from')).toBe('Comptoir <devis@comptoir.local>');
    expect(await mailer().sentFor('qte_local')).toEqual([sent]);
  });
});
