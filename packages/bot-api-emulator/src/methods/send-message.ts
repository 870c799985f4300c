import { badRequest } from "../api-error.ts";
import { postBotMessage, replyTargetOf } from "../bot-messages.ts";
import { ensureCanSend, resolveChat } from "../chat-access.ts";
import { TEXT } from "../error-texts.ts";
import { finalizeFormatted, MESSAGE_TEXT_RULES, parseFormatted } from "../formatted-text.ts";
import type { MethodContext } from "../method-context.ts";
import { parseReplyMarkup } from "../reply-markup.ts";
import type { Message } from "../types.ts";

// Checks run in the server's order: text and parse_mode, then the chat, then the reply
// target, then tdlib's trimming and length limit, and last what Telegram's servers refuse.
export function sendMessage(context: MethodContext): Message {
  const { world, bot, params } = context;
  const text = params.string("text");
  if (text === undefined) throw badRequest(TEXT.messageTextEmpty);
  const parsed = parseFormatted(text, params.string("parse_mode"), params.raw.entities);
  const markupValue = params.json("reply_markup", "can't parse reply keyboard markup JSON object");
  const conversation = resolveChat(world, bot, params.string("chat_id"));
  const markup = parseReplyMarkup(markupValue, conversation.chat.type);
  const replyTo = replyTargetOf(context, conversation);
  const formatted = finalizeFormatted(parsed, MESSAGE_TEXT_RULES);
  ensureCanSend(world, bot, conversation);
  return postBotMessage(context, conversation, { text: formatted.text, entities: formatted.entities }, markup, replyTo);
}
