// Just enough image sniffing to accept real photos, reject non-images the way Telegram
// does (IMAGE_PROCESS_FAILED), and report sizes.

export interface ImageInfo {
  format: "png" | "jpeg" | "gif" | "webp" | "bmp";
  width: number;
  height: number;
}

export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buffer, PNG_SIGNATURE) && buffer.length >= 24) {
    return { format: "png", width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
  }
  if (buffer.length >= 10 && buffer.toString("latin1", 0, 3) === "GIF") {
    return { format: "gif", width: buffer.readUInt16LE(6), height: buffer.readUInt16LE(8) };
  }
  if (buffer.length >= 26 && buffer.toString("latin1", 0, 2) === "BM") {
    return { format: "bmp", width: buffer.readInt32LE(18), height: Math.abs(buffer.readInt32LE(22)) };
  }
  if (
    buffer.length >= 30 &&
    buffer.toString("latin1", 0, 4) === "RIFF" &&
    buffer.toString("latin1", 8, 12) === "WEBP"
  ) {
    return { format: "webp", width: 0, height: 0 };
  }
  if (buffer.length >= 4 && buffer[0] === 0xff && buffer[1] === 0xd8) return jpegInfo(buffer);
  return undefined;
}

function jpegInfo(buffer: Buffer): ImageInfo {
  let position = 2;
  while (position + 9 < buffer.length) {
    if (buffer[position] !== 0xff) break;
    const marker = buffer[position + 1] as number;
    const length = buffer.readUInt16BE(position + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      return { format: "jpeg", height: buffer.readUInt16BE(position + 5), width: buffer.readUInt16BE(position + 7) };
    }
    position += 2 + length;
  }
  return { format: "jpeg", width: 0, height: 0 };
}

function startsWith(buffer: Buffer, prefix: Uint8Array): boolean {
  return buffer.length >= prefix.length && prefix.every((byte, index) => buffer[index] === byte);
}
