import type { FileStore, StoredFile } from "./file-store.ts";
import { imageInfo } from "./image-info.ts";
import type { PhotoSize } from "./types.ts";

// Telegram re-encodes a photo into several sizes (90, 320, 800, 1280 px on the long side)
// and sends them all, smallest first. The emulator keeps the original bytes for each.
const SIZE_LIMITS = [90, 320, 800, 1280];

export function photoSizesOf(files: FileStore, original: StoredFile): PhotoSize[] {
  const info = imageInfo(original.bytes);
  const width = info?.width ?? 0;
  const height = info?.height ?? 0;
  const longSide = Math.max(width, height);
  const limits = SIZE_LIMITS.filter((_limit, index) => index === 0 || (SIZE_LIMITS[index - 1] as number) < longSide);
  return limits.map((limit, index) => {
    const isLast = index === limits.length - 1;
    const file = isLast ? original : files.add({ kind: "photo", bytes: original.bytes, mimeType: "image/jpeg" });
    const scale = longSide > limit ? limit / longSide : 1;
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: original.bytes.byteLength,
      width: Math.round(width * scale),
      height: Math.round(height * scale),
    };
  });
}
