// Telegram guesses a document's MIME type from the file name; clients such as grammY
// always upload as application/octet-stream, so the header is only a last resort.

const BY_EXTENSION: Record<string, string> = {
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  zip: "application/zip",
  xml: "application/xml",
  html: "text/html",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
};

export function mimeTypeFor(fileName: string, uploadedType?: string): string {
  const extension = fileName.includes(".") ? fileName.split(".").pop()?.toLowerCase() : undefined;
  const known = extension ? BY_EXTENSION[extension] : undefined;
  if (known) return known;
  if (uploadedType && uploadedType !== "application/octet-stream") return uploadedType;
  return "application/octet-stream";
}
