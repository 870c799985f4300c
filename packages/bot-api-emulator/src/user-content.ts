import { botCommandEntities } from "./command-entities.ts";
import type { FileStore } from "./file-store.ts";
import { mimeTypeFor } from "./mime-types.ts";
import { photoSizesOf } from "./photo-sizes.ts";
import { sampleOgg, samplePng, sampleWebp } from "./sample-media.ts";
import type { Message, User } from "./types.ts";

/** What a test user's message carries besides id, sender, chat and date. */
export type UserContent = Pick<
  Message,
  "text" | "entities" | "caption" | "photo" | "document" | "voice" | "sticker" | "contact"
>;

export interface ContactInput {
  phone: string;
  /** Whose contact it is; defaults to the sender (someone else's id simulates a forwarded contact). */
  userId?: number;
  firstName?: string;
  lastName?: string;
}

export interface PhotoInput {
  width?: number;
  height?: number;
  caption?: string;
}

export interface DocumentInput {
  fileName?: string;
  content?: string | Uint8Array;
  mimeType?: string;
  caption?: string;
}

export interface VoiceInput {
  duration?: number;
}

export interface StickerInput {
  emoji?: string;
  setName?: string;
}

export function textContent(text: string): UserContent {
  const entities = botCommandEntities(text);
  return entities.length > 0 ? { text, entities } : { text };
}

export function contactContent(sender: User, input: ContactInput): UserContent {
  const own = input.userId === undefined || input.userId === sender.id;
  const contact: NonNullable<Message["contact"]> = {
    phone_number: input.phone,
    first_name: input.firstName ?? (own ? sender.first_name : "Contact"),
    user_id: input.userId ?? sender.id,
  };
  const lastName = input.lastName ?? (own ? sender.last_name : undefined);
  if (lastName !== undefined) contact.last_name = lastName;
  return { contact };
}

export function photoContent(files: FileStore, input: PhotoInput): UserContent {
  const file = files.add({
    kind: "photo",
    bytes: samplePng(input.width ?? 320, input.height ?? 240),
    mimeType: "image/png",
  });
  return withCaption({ photo: photoSizesOf(files, file) }, input.caption);
}

export function documentContent(files: FileStore, input: DocumentInput): UserContent {
  const fileName = input.fileName ?? "document.pdf";
  const content = input.content ?? "%PDF-1.4\n%test document\n";
  const bytes = typeof content === "string" ? new Uint8Array(Buffer.from(content, "utf8")) : content;
  const mimeType = input.mimeType ?? mimeTypeFor(fileName);
  const file = files.add({ kind: "document", bytes, fileName, mimeType });
  return withCaption(
    {
      document: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_name: fileName,
        mime_type: mimeType,
        file_size: bytes.byteLength,
      },
    },
    input.caption,
  );
}

export function voiceContent(files: FileStore, input: VoiceInput): UserContent {
  const file = files.add({ kind: "voice", bytes: sampleOgg(), mimeType: "audio/ogg" });
  return {
    voice: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      duration: input.duration ?? 3,
      mime_type: "audio/ogg",
      file_size: file.bytes.byteLength,
    },
  };
}

export function stickerContent(files: FileStore, input: StickerInput): UserContent {
  const file = files.add({ kind: "sticker", bytes: sampleWebp(), mimeType: "image/webp" });
  return {
    sticker: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: input.emoji ?? "👍",
      set_name: input.setName ?? "EmulatorStickers",
      file_size: file.bytes.byteLength,
    },
  };
}

function withCaption(content: UserContent, caption: string | undefined): UserContent {
  return caption ? { ...content, caption } : content;
}
