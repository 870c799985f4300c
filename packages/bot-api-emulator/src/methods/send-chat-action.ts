import { badRequest } from "../api-error.ts";
import { ensureCanSend, resolveChat } from "../chat-access.ts";
import { TEXT } from "../error-texts.ts";
import type { MethodContext } from "../method-context.ts";

// The server also accepts the legacy names record_audio/upload_audio/pick_up_location and "cancel".
const ACTIONS = new Set([
  "cancel",
  "typing",
  "record_video",
  "upload_video",
  "record_audio",
  "record_voice",
  "upload_audio",
  "upload_voice",
  "upload_photo",
  "upload_document",
  "choose_sticker",
  "pick_up_location",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export function sendChatAction(context: MethodContext): true {
  const { world, bot, params } = context;
  const action = (params.string("action") ?? "").toLowerCase();
  if (!ACTIONS.has(action)) throw badRequest(TEXT.wrongChatAction);
  const conversation = resolveChat(world, bot, params.string("chat_id"));
  ensureCanSend(world, bot, conversation);
  return true;
}
