import { badRequest } from "../api-error.ts";
import { resolveChat } from "../chat-access.ts";
import type { Conversation } from "../conversation.ts";
import { TEXT } from "../error-texts.ts";
import { CAPTION_RULES, finalizeFormatted, MESSAGE_TEXT_RULES, parseFormatted } from "../formatted-text.ts";
import { withMentionedUsers } from "../mentions.ts";
import type { MethodContext } from "../method-context.ts";
import { parseReplyMarkup } from "../reply-markup.ts";
import type { InlineKeyboardMarkup, Message } from "../types.ts";

export function editMessageText(context: MethodContext): Message {
  const { params } = context;
  const text = params.string("text");
  if (text === undefined) throw badRequest(TEXT.messageTextEmpty);
  const parsed = parseFormatted(text, params.string("parse_mode"), params.raw.entities);
  const { conversation, message } = findEditable(context);
  const markup = inlineMarkupOf(context, conversation);
  if (message.text === undefined) throw badRequest(TEXT.noTextToEdit);
  const formatted = finalizeFormatted(parsed, MESSAGE_TEXT_RULES);
  return applyEdit(context, conversation, message, { text: formatted.text, entities: formatted.entities }, markup);
}

export function editMessageCaption(context: MethodContext): Message {
  const { params } = context;
  const parsed = parseFormatted(
    params.string("caption") ?? "",
    params.string("parse_mode"),
    params.raw.caption_entities,
  );
  const { conversation, message } = findEditable(context);
  const markup = inlineMarkupOf(context, conversation);
  if (message.text !== undefined || message.sticker !== undefined) throw badRequest(TEXT.noCaptionToEdit);
  const formatted = finalizeFormatted(parsed, CAPTION_RULES);
  return applyEdit(
    context,
    conversation,
    message,
    { caption: formatted.text, caption_entities: formatted.entities },
    markup,
  );
}

export function editMessageReplyMarkup(context: MethodContext): Message {
  const { conversation, message } = findEditable(context);
  const markup = inlineMarkupOf(context, conversation);
  return applyEdit(context, conversation, message, {}, markup);
}

type EditableContent = Pick<Message, "text" | "entities" | "caption" | "caption_entities">;

function findEditable(context: MethodContext): { conversation: Conversation; message: Message } {
  const { world, bot, params } = context;
  const chatIdText = params.string("chat_id");
  const messageId = params.int("message_id", 0);
  // Without chat_id and message_id the server expects an inline_message_id, which the emulator has no messages for.
  if (chatIdText === undefined && messageId <= 0) throw badRequest("message identifier is not specified");
  const conversation = resolveChat(world, bot, chatIdText);
  const message = messageId > 0 ? conversation.get(messageId) : undefined;
  if (!message) throw badRequest(TEXT.messageToEditNotFound);
  if (message.from?.id !== bot.id) throw badRequest(TEXT.messageCantBeEdited);
  return { conversation, message };
}

/** Only an inline keyboard can be put on an edited message; leaving it out removes the keyboard. */
function inlineMarkupOf(context: MethodContext, conversation: Conversation): InlineKeyboardMarkup | undefined {
  const value = context.params.json("reply_markup", "can't parse reply keyboard markup JSON object");
  const markup = parseReplyMarkup(value, conversation.chat.type);
  if (!markup) return undefined;
  if (markup.kind !== "inline") throw badRequest("inline keyboard expected");
  return markup.markup;
}

function applyEdit(
  context: MethodContext,
  conversation: Conversation,
  message: Message,
  content: EditableContent,
  markup: InlineKeyboardMarkup | undefined,
): Message {
  const { reply_markup: _old, ...rest } = message;
  const next = dropUndefined({ ...rest, ...withoutEmptyEntities(withMentions(context, content)) });
  if (markup) next.reply_markup = markup;
  if (sameContent(message, next)) throw badRequest(TEXT.messageNotModified);
  return conversation.replace({ ...next, edit_date: context.world.now() });
}

function withMentions(context: MethodContext, content: EditableContent): EditableContent {
  const { world } = context;
  return {
    ...content,
    ...(content.entities ? { entities: withMentionedUsers(world, content.entities) } : {}),
    ...(content.caption_entities ? { caption_entities: withMentionedUsers(world, content.caption_entities) } : {}),
  };
}

function withoutEmptyEntities(content: EditableContent): EditableContent {
  const result: EditableContent = { ...content };
  if (result.entities?.length === 0) result.entities = undefined;
  if (result.caption_entities?.length === 0) result.caption_entities = undefined;
  if (result.caption === "") result.caption = undefined;
  return result;
}

function dropUndefined(message: Message): Message {
  const record: Record<string, unknown> = { ...message };
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record as unknown as Message;
}

function sameContent(before: Message, after: Message): boolean {
  const fields = ["text", "entities", "caption", "caption_entities", "reply_markup"] as const;
  return fields.every((field) => JSON.stringify(before[field]) === JSON.stringify(after[field]));
}
