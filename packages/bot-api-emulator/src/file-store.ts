import { randomBytes } from "node:crypto";
import type { TelegramFile } from "./types.ts";

export type FileKind = "document" | "photo" | "sticker" | "voice";

/** A file known to the emulator, uploaded by a bot or sent by a test user. */
export interface StoredFile {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly kind: FileKind;
  readonly bytes: Uint8Array;
  readonly fileName: string | undefined;
  readonly mimeType: string | undefined;
  readonly filePath: string;
  /** Set when the bot sent a URL instead of bytes: the emulator does not download it. */
  readonly sourceUrl: string | undefined;
}

export interface NewFile {
  kind: FileKind;
  bytes: Uint8Array;
  fileName?: string;
  mimeType?: string;
  sourceUrl?: string;
}

// Real file_ids are long base64url strings whose first bytes encode the file type.
const ID_PREFIX: Record<FileKind, string> = {
  document: "BQACAgIAAxkBAA",
  photo: "AgACAgIAAxkBAA",
  sticker: "CAACAgIAAxkBAA",
  voice: "AwACAgIAAxkBAA",
};

const PATH_OF: Record<FileKind, { folder: string; extension: string }> = {
  document: { folder: "documents", extension: "" },
  photo: { folder: "photos", extension: ".jpg" },
  sticker: { folder: "stickers", extension: ".webp" },
  voice: { folder: "voice", extension: ".oga" },
};

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(input: NewFile): StoredFile {
    this.counter++;
    const file: StoredFile = {
      fileId: `${ID_PREFIX[input.kind]}${randomBytes(42).toString("base64url")}`,
      fileUniqueId: `AgAD${randomBytes(9).toString("base64url")}`,
      kind: input.kind,
      bytes: input.bytes,
      fileName: input.fileName,
      mimeType: input.mimeType,
      filePath: this.pathFor(input),
      sourceUrl: input.sourceUrl,
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  toTelegramFile(file: StoredFile): TelegramFile {
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.bytes.byteLength,
      file_path: file.filePath,
    };
  }

  private pathFor(input: NewFile): string {
    const { folder, extension } = PATH_OF[input.kind];
    const ownExtension = input.fileName?.includes(".") ? `.${input.fileName.split(".").pop()}` : "";
    return `${folder}/file_${this.counter}${extension || ownExtension}`;
  }
}
