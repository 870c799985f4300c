import { deflateSync } from "node:zlib";
import { PNG_SIGNATURE } from "./image-info.ts";

// Small but valid files for what test users send, so a bot that downloads them can parse them.

export function samplePng(width: number, height: number): Uint8Array {
  const row = Buffer.alloc(1 + width * 3, 0xcc);
  row[0] = 0; // filter type "none"
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(PNG_SIGNATURE),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

export function sampleOgg(): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from("OggS"), Buffer.alloc(60)]));
}

export function sampleWebp(): Uint8Array {
  const body = Buffer.concat([Buffer.from("WEBPVP8 "), Buffer.alloc(30)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length, 0);
  return new Uint8Array(Buffer.concat([Buffer.from("RIFF"), size, body]));
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
