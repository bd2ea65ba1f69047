import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkFileKey } from '../../../domain/shared/files.ts';
import { createDirectoryFileStore } from '../../../functions/adapters/files/directory-file-store.ts';
import { createS3FileStore } from '../../../functions/adapters/files/s3-file-store.ts';

const BYTES = new Uint8Array([0, 1, 2, 254, 255, 10, 13]);

describe('file keys', () => {
  it('are /-separated segments of safe characters', () => {
    for (const key of ['mail/quote-qte_01J-v1-send.eml', 'a', "exports/2027/01/sales(1).xlsx", 'x/.hidden', 'x/a..b']) expect(checkFileKey(key)).toBe(key);
  });

  it('refuse what could leave the root or that S3 and a directory would read differently', () => {
    for (const key of ['', '/mail/a.eml', 'mail/../../etc/passwd', '..', 'mail/./a', 'mail//a', 'mail/', 'mail\\a', 'mail/a b', 'mail/é', 'a\u0000', 'x'.repeat(1025)]) {
      expect(() => checkFileKey(key), JSON.stringify(key)).toThrow(/is not a file key/);
    }
  });
});

describe('the directory file store', async () => {
  const root = await mkdtemp(join(tmpdir(), 'comptoir-files-'));
  const store = createDirectoryFileStore(root);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes the exact bytes under the key as a relative path, and reads them back', async () => {
    await store.put('mail/quote-1.eml', BYTES, 'message/rfc822');
    expect(new Uint8Array(await readFile(join(root, 'mail', 'quote-1.eml')))).toEqual(BYTES);
    expect(await store.get('mail/quote-1.eml')).toEqual(BYTES);
  });

  it('replaces a file without leaving its temporary copy', async () => {
    await store.put('mail/quote-2.eml', BYTES, 'message/rfc822');
    await store.put('mail/quote-2.eml', new Uint8Array([42]), 'message/rfc822');
    expect(await store.get('mail/quote-2.eml')).toEqual(new Uint8Array([42]));
    expect((await readdir(join(root, 'mail'))).filter((name) => name.startsWith('quote-2'))).toEqual(['quote-2.eml']);
  });

  it('answers null for a key with no file, and refuses keys that are not file keys', async () => {
    expect(await store.get('mail/none.eml')).toBeNull();
    await expect(store.put('../outside.eml', BYTES, 'message/rfc822')).rejects.toThrow(/is not a file key/);
    await expect(store.get('/etc/passwd')).rejects.toThrow(/is not a file key/);
  });
});

describe('the S3 file store', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());
  const store = createS3FileStore('comptoir-files', new S3Client({ region: 'eu-west-3' }));

  it('puts the bytes as an object of its bucket, with their content type', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.put('mail/quote-1.eml', BYTES, 'message/rfc822');
    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'comptoir-files', Key: 'mail/quote-1.eml', Body: BYTES, ContentType: 'message/rfc822' },
    ]);
  });

  it('reads an object back as bytes, and answers null for a missing one', async () => {
    s3.on(GetObjectCommand, { Key: 'mail/quote-1.eml' }).resolves({ Body: { transformToByteArray: async () => BYTES } as never });
    s3.on(GetObjectCommand, { Key: 'mail/none.eml' }).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    expect(await store.get('mail/quote-1.eml')).toEqual(BYTES);
    expect(await store.get('mail/none.eml')).toBeNull();
    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input.Bucket)).toEqual(['comptoir-files', 'comptoir-files']);
  });

  it('checks keys before any request', async () => {
    await expect(store.put('mail/../x', BYTES, 'message/rfc822')).rejects.toThrow(/is not a file key/);
    expect(s3.calls()).toHaveLength(0);
  });
});
