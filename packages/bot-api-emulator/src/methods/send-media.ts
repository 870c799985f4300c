import { badRequest } from "../api-error.ts";
import { type MessageContent, postBotMessage, replyTargetOf } from "../bot-messages.ts";
import { ensureCanSend, resolveChat } from "../chat-access.ts";
import { TEXT } from "../error-texts.ts";
import type { FileKind, StoredFile } from "../file-store.ts";
import { CAPTION_RULES, finalizeFormatted, parseFormatted } from "../formatted-text.ts";
import { imageInfo } from "../image-info.ts";
import type { MethodContext } from "../method-context.ts";
import { mimeTypeFor } from "../mime-types.ts";
import type { FileParam } from "../params.ts";
import { photoSizesOf } from "../photo-sizes.ts";
import { parseReplyMarkup } from "../reply-markup.ts";
import type { Message } from "../types.ts";

export function sendDocument(context: MethodContext): Message {
  return sendMedia(context, "document", (file) => ({
    document: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      ...(file.fileName === undefined ? {} : { file_name: file.fileName }),
      ...(file.mimeType === undefined ? {} : { mime_type: file.mimeType }),
      file_size: file.bytes.byteLength,
    },
  }));
}

export function sendPhoto(context: MethodContext): Message {
  return sendMedia(context, "photo", (file) => ({ photo: photoSizesOf(context.world.files, file) }));
}

function sendMedia(context: MethodContext, kind: FileKind, contentOf: (file: StoredFile) => MessageContent): Message {
  const { world, bot, params } = context;
  const caption = parseFormatted(
    params.string("caption") ?? "",
    params.string("parse_mode"),
    params.raw.caption_entities,
  );
  const markupValue = params.json("reply_markup", "can't parse reply keyboard markup JSON object");
  const conversation = resolveChat(world, bot, params.string("chat_id"));
  const markup = parseReplyMarkup(markupValue, conversation.chat.type);
  const input = params.file(kind);
  if (!input) throw badRequest(`there is no ${kind} in the request`);
  const replyTo = replyTargetOf(context, conversation);
  const formatted = finalizeFormatted(caption, CAPTION_RULES);
  const file = storeFile(context, kind, input);
  ensureCanSend(world, bot, conversation);
  const content: MessageContent = {
    ...contentOf(file),
    caption: formatted.text || undefined,
    caption_entities: formatted.entities,
  };
  return postBotMessage(context, conversation, content, markup, replyTo);
}

function storeFile(context: MethodContext, kind: FileKind, input: FileParam): StoredFile {
  const { files } = context.world;
  if (input.kind === "reference") {
    const known = files.get(input.value);
    if (known) return known;
    // An HTTP URL would be downloaded by Telegram; the emulator keeps only the address.
    if (!/^https?:\/\//i.test(input.value)) throw badRequest(TEXT.wrongFileIdentifier);
    const fileName = new URL(input.value).pathname.split("/").pop() || undefined;
    return files.add({ kind, bytes: new Uint8Array(), sourceUrl: input.value, ...(fileName ? { fileName } : {}) });
  }
  const { bytes, filename, contentType } = input.file;
  if (bytes.byteLength === 0) throw badRequest(TEXT.fileMustBeNonEmpty);
  if (kind === "photo" && !imageInfo(bytes)) throw badRequest(TEXT.imageProcessFailed);
  if (kind === "photo") return files.add({ kind, bytes, mimeType: "image/jpeg" });
  return files.add({ kind, bytes, fileName: filename, mimeType: mimeTypeFor(filename, contentType) });
}
