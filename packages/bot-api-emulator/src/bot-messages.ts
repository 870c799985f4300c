import { badRequest } from "./api-error.ts";
import { botAsSender } from "./bot-account.ts";
import type { Conversation } from "./conversation.ts";
import { TEXT } from "./error-texts.ts";
import { isJsonObject } from "./json-fields.ts";
import { withMentionedUsers } from "./mentions.ts";
import type { MethodContext } from "./method-context.ts";
import type { ParsedReplyMarkup } from "./reply-markup.ts";
import type { InlineKeyboardMarkup, Message } from "./types.ts";

export type MessageContent = Pick<
  Message,
  "text" | "entities" | "caption" | "caption_entities" | "document" | "photo" | "sticker" | "voice" | "contact"
>;

/** Stores a new message from the bot, applying what its reply_markup does to the chat. */
export function postBotMessage(
  context: MethodContext,
  conversation: Conversation,
  content: MessageContent,
  markup: ParsedReplyMarkup | undefined,
  replyTo: Message | undefined,
): Message {
  const messageId = conversation.allocateMessageId();
  const message: Message = {
    message_id: messageId,
    from: botAsSender(context.bot),
    chat: conversation.chat,
    date: context.world.now(),
    ...withoutEmpty(withMentions(context, content)),
  };
  if (replyTo) message.reply_to_message = replyTo;
  const inline = applyMarkup(conversation, markup, messageId);
  if (inline) message.reply_markup = inline;
  return conversation.add(message);
}

/** Reply keyboards, their removal and force_reply change the chat, not the message. */
function applyMarkup(
  conversation: Conversation,
  markup: ParsedReplyMarkup | undefined,
  messageId: number,
): InlineKeyboardMarkup | undefined {
  if (!markup) return undefined;
  if (markup.kind === "inline") return markup.markup;
  if (markup.kind === "keyboard") conversation.replyKeyboard = markup.markup;
  if (markup.kind === "remove") conversation.replyKeyboard = null;
  if (markup.kind === "force_reply") conversation.forceReplyTo = messageId;
  return undefined;
}

function withMentions(context: MethodContext, content: MessageContent): MessageContent {
  const result = { ...content };
  if (result.entities) result.entities = withMentionedUsers(context.world, result.entities);
  if (result.caption_entities) result.caption_entities = withMentionedUsers(context.world, result.caption_entities);
  return result;
}

function withoutEmpty(content: MessageContent): MessageContent {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    result[key] = value;
  }
  return result as MessageContent;
}

/** reply_parameters (or the older reply_to_message_id) resolved to the message replied to. */
export function replyTargetOf(context: MethodContext, conversation: Conversation): Message | undefined {
  const parameters = context.params.json("reply_parameters", "can't parse reply parameters JSON object");
  const object = isJsonObject(parameters) ? parameters : {};
  const messageId = Number(object.message_id ?? context.params.int("reply_to_message_id", 0));
  const allowMissing =
    object.allow_sending_without_reply === true || context.params.bool("allow_sending_without_reply");
  if (!Number.isInteger(messageId) || messageId <= 0) return undefined;
  const target = conversation.get(messageId);
  if (target) return shallow(target);
  if (allowMissing) return undefined;
  throw badRequest(TEXT.replyNotFound);
}

/** A replied-to message is embedded without its own reply_to_message, as Telegram does. */
export function shallow(message: Message): Message {
  const { reply_to_message: _nested, ...rest } = message;
  return rest;
}
