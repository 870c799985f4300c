import { ApiError, badRequest, forbidden } from "./api-error.ts";
import type { BotAccount } from "./bot-account.ts";
import type { Conversation } from "./conversation.ts";
import { TEXT } from "./error-texts.ts";
import type { World } from "./world.ts";

/** Parses chat_id (a number, or @username of a public group) without resolving access. */
export function chatIdFrom(world: World, chatIdText: string | undefined): number | undefined {
  if (chatIdText === undefined) return undefined;
  const text = chatIdText.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  if (!text.startsWith("@")) return undefined;
  const wanted = text.slice(1).toLowerCase();
  const group = [...world.groups.values()].find((candidate) => candidate.chat.username?.toLowerCase() === wanted);
  return group?.chat.id;
}

/** The chat a bot addresses with chat_id; errors as the server's check_chat does. */
export function resolveChat(world: World, bot: BotAccount, chatIdText: string | undefined): Conversation {
  if (chatIdText === undefined) throw badRequest(TEXT.chatIdEmpty);
  const chatId = chatIdFrom(world, chatIdText);
  if (chatId === undefined) throw badRequest(TEXT.chatNotFound);
  return chatId > 0 ? privateChat(world, bot, chatId) : groupChat(world, bot, chatId);
}

function privateChat(world: World, bot: BotAccount, userId: number): Conversation {
  if (world.bots.has(userId) && userId !== bot.id) throw forbidden(TEXT.cantSendToBots);
  if (!world.users.has(userId)) throw badRequest(TEXT.chatNotFound);
  return world.privateConversation(bot.id, userId);
}

function groupChat(world: World, bot: BotAccount, chatId: number): Conversation {
  const group = world.groups.get(chatId);
  if (!group) throw badRequest(TEXT.chatNotFound);
  if (group.migratedTo !== undefined) {
    throw new ApiError(400, `Bad Request: ${TEXT.groupUpgraded}`, { migrate_to_chat_id: group.migratedTo });
  }
  if (!group.bots.has(bot.id)) {
    throw forbidden(group.chat.type === "group" ? TEXT.notMemberOfGroup : TEXT.notMemberOfSupergroup);
  }
  return world.groupConversation(chatId);
}

/** Server-side checks at the moment of sending into a private chat. */
export function ensureCanSend(world: World, bot: BotAccount, conversation: Conversation): void {
  if (conversation.chat.type !== "private") return;
  const userId = conversation.chat.id;
  if (world.isBlocked(bot.id, userId)) throw forbidden(TEXT.blockedByUser);
  // A bot may only write to people who have written to it first.
  if (!world.hasStarted(bot.id, userId)) throw forbidden(TEXT.cantInitiateConversation);
}
