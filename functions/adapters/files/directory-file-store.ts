import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkFileKey, type FileStore } from '../../../domain/shared/files.ts';

/**
 * Files under a local directory (FILES_DIR: `npm start`, tests), a key being a relative path. A put writes a
 * temporary file and renames it into place, so that a reader never sees half a file. The content type is S3's
 * business: here the key's extension says it.
 */
export function createDirectoryFileStore(root: string): FileStore {
  const pathOf = (key: string) => join(root, checkFileKey(key));
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomUUID()}.part`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
