import { crc32, deflateSync } from 'node:zlib';

/**
 * A PNG drawn pixel by pixel (8-bit RGB, no interlacing), for logos in tests: `pixel` gives each pixel's colour.
 */
export function png(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    // Filter type 0 (none) opens each row.
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 300 × 90 logo: a blue square mark and a grey bar, on white. */
export function sampleLogo(): Buffer {
  return png(300, 90, (x, y) => {
    if (x < 90) return [31, 78, 121];
    if (x > 110 && y > 30 && y < 60) return [107, 114, 128];
    return [255, 255, 255];
  });
}
