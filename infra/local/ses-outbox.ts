import { randomUUID } from 'node:crypto';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../domain/shared/clock.ts';
import { readHeaders } from './mime-headers.ts';

/**
 * SES, locally (DESIGN §3): a route of the local server that the unchanged SES client is pointed at (SES_ENDPOINT).
 * The query protocol is a form post; SendRawEmail writes the exact bytes it was given to the outbox directory, as
 * `<time>-<message id>.eml`, and answers SES's XML so that the SDK parses it. `/_local/outbox` lists the messages
 * for a developer to open.
 */
export const SES_PATH = '/_aws/ses';
export const OUTBOX_PATH = '/_local/outbox';
/** SES accepts raw messages of up to 10 MB; base64 in a form post makes that about 13.4 MB. */
export const SES_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const SES_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** The outbox's own names only: no path, so a request cannot read outside the directory. */
const MESSAGE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.eml$/;
/** Enough of a file to read its headers for the list. */
const HEADER_BYTES = 64 * 1024;

export interface OutboxReply {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

export interface SesOutbox {
  /** The answer to a request on the outbox's routes, or undefined for any other route. */
  reply(method: string, path: string, readBody: () => Promise<Buffer | undefined>): Promise<OutboxReply | undefined>;
}

export function createSesOutbox(outboxDir: string, clock: Clock = systemClock): SesOutbox {
  async function sendRawEmail(form: URLSearchParams): Promise<OutboxReply> {
    const data = form.get('RawMessage.Data');
    if (!data) return sesError(400, 'InvalidParameterValue', 'RawMessage.Data is required');
    const message = Buffer.from(data, 'base64');
    if (message.length > SES_MAX_MESSAGE_BYTES) return sesError(400, 'MessageRejected', `Message length is more than ${SES_MAX_MESSAGE_BYTES} bytes long`);
    const messageId = `local-${randomUUID()}`;
    // Colons left out of the time: a file name that every system and every URL takes as it is.
    await writeFile(join(outboxDir, `${clock.now().toISOString().replaceAll(':', '')}-${messageId}.eml`), message, { flag: 'wx' });
    return sesXml(200, `<SendRawEmailResponse xmlns="${SES_NAMESPACE}"><SendRawEmailResult><MessageId>${messageId}</MessageId></SendRawEmailResult>${responseMetadata()}</SendRawEmailResponse>`);
  }

  async function listPage(): Promise<OutboxReply> {
    const names = (await readdir(outboxDir)).filter((name) => MESSAGE_FILE.test(name)).sort().reverse();
    const rows = await Promise.all(
      names.map(async (name) => {
        const headers = readHeaders(await readStart(join(outboxDir, name)));
        const cells = [headers.get('date'), headers.get('from'), headers.get('to'), headers.get('cc'), headers.get('subject')].map((value) => `<td>${escapeHtml(value ?? '')}</td>`);
        return `<tr>${cells.join('')}<td><a href="${OUTBOX_PATH}/${name}">${escapeHtml(name)}</a></td></tr>`;
      }),
    );
    const table = rows.length === 0 ? '<p>No message yet.</p>' : `<table><thead><tr><th>Date</th><th>From</th><th>To</th><th>Cc</th><th>Subject</th><th>.eml</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Comptoir outbox</title><style>${STYLE}</style></head><body><h1>Outbox</h1><p>${rows.length} message(s) in ${escapeHtml(outboxDir)}, newest first. Each link downloads the exact bytes SES was given.</p>${table}</body></html>`;
    return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
  }

  /** The file a list link names: percent-encoded characters are never part of a name, so the path is the name. */
  async function messageFile(name: string): Promise<OutboxReply> {
    const notFound = { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'No such message in the outbox' };
    if (!MESSAGE_FILE.test(name)) return notFound;
    try {
      const body = await readFile(join(outboxDir, name));
      return { statusCode: 200, headers: { 'content-type': 'message/rfc822', 'content-disposition': `attachment; filename="${name}"` }, body };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return notFound;
      throw error;
    }
  }

  return {
    async reply(method, path, readBody) {
      if (path === SES_PATH || path === `${SES_PATH}/`) {
        if (method !== 'POST') return sesError(405, 'InvalidAction', 'The SES query API takes POST requests');
        const body = await readBody();
        if (!body) return sesError(413, 'MessageRejected', `The request exceeds ${SES_MAX_REQUEST_BYTES} bytes`);
        const form = new URLSearchParams(body.toString('utf8'));
        const action = form.get('Action');
        if (action === 'SendRawEmail') return sendRawEmail(form);
        return sesError(400, 'InvalidAction', `The local SES outbox serves SendRawEmail only, not ${action ?? 'a request without Action'}`);
      }
      // HEAD as GET: the server sends the headers without the body.
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      if (path === OUTBOX_PATH || path === `${OUTBOX_PATH}/`) return listPage();
      if (path.startsWith(`${OUTBOX_PATH}/`)) return messageFile(path.slice(OUTBOX_PATH.length + 1));
      return undefined;
    },
  };
}

const SES_NAMESPACE = 'http://ses.amazonaws.com/doc/2010-12-01/';
const responseMetadata = () => `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;

function sesXml(statusCode: number, xml: string): OutboxReply {
  return { statusCode, headers: { 'content-type': 'text/xml' }, body: xml };
}

/** An error as the SES query API words it, which the SDK turns into an exception named by its Code. */
function sesError(statusCode: number, code: string, message: string): OutboxReply {
  return sesXml(statusCode, `<ErrorResponse xmlns="${SES_NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeHtml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`);
}

async function readStart(path: string): Promise<Buffer> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** For text in HTML and XML alike. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = 'body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f4f4f4}';
