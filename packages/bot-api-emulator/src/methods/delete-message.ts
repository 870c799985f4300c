import { badRequest } from "../api-error.ts";
import { resolveChat } from "../chat-access.ts";
import { TEXT } from "../error-texts.ts";
import type { MethodContext } from "../method-context.ts";

export function deleteMessage(context: MethodContext): true {
  const { world, bot, params } = context;
  const chatIdText = params.string("chat_id");
  const messageId = params.int("message_id", 0);
  if (chatIdText === undefined) throw badRequest("chat identifier is not specified");
  if (messageId <= 0) throw badRequest("message identifier is not specified");
  const conversation = resolveChat(world, bot, chatIdText);
  const message = conversation.get(messageId);
  if (!message) throw badRequest(TEXT.messageToDeleteNotFound);
  // In private chats a bot may delete both sides; in groups others' messages need admin rights.
  const isOwn = message.from?.id === bot.id;
  const isGroupAdmin = world.groups.get(conversation.chat.id)?.bots.get(bot.id) === "administrator";
  if (conversation.chat.type !== "private" && !isOwn && !isGroupAdmin) throw badRequest(TEXT.messageCantBeDeleted);
  conversation.delete(messageId);
  return true;
}
