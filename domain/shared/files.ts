/**
 * The file store port: documents kept as exact bytes (a sent message's `.eml`, later PDFs and exports), by key.
 * S3 in AWS, a local directory under `npm start` and in tests.
 */
export interface FileStore {
  /** Stores the bytes under the key, replacing what was there. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes stored under the key, or null. */
  get(key: string): Promise<Uint8Array | null>;
}

/** `/`-separated segments of S3's safe characters: the same key is a valid object key and a valid relative path. */
const FILE_KEY = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;
/** S3's limit on a key, in bytes (the allowed characters are one byte each). */
const MAX_FILE_KEY_LENGTH = 1024;

/**
 * Refuses a key that could leave the store's root locally (`..`, a leading `/`) or that S3 and a directory would
 * read differently (`.` segments, empty segments, backslashes, other characters): both adapters check it.
 */
export function checkFileKey(key: string): string {
  const segments = key.split('/');
  if (key.length > MAX_FILE_KEY_LENGTH || !FILE_KEY.test(key) || segments.some((segment) => segment === '.' || segment === '..')) {
    throw new Error(`${JSON.stringify(key)} is not a file key: /-separated segments of letters, digits and !_.*'()- (no . nor .. segment)`);
  }
  return key;
}
