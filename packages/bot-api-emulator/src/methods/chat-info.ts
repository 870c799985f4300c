import { badRequest } from "../api-error.ts";
import { type BotAccount, botAsSender } from "../bot-account.ts";
import { resolveChat } from "../chat-access.ts";
import { TEXT } from "../error-texts.ts";
import type { MethodContext } from "../method-context.ts";
import type { ChatFullInfo, ChatMember, ChatMemberStatus, User } from "../types.ts";
import type { World } from "../world.ts";

export function getChat(context: MethodContext): ChatFullInfo {
  const { world, bot, params } = context;
  const conversation = resolveChat(world, bot, params.string("chat_id"));
  return { ...conversation.chat, accent_color_id: 0, max_reaction_count: 11 };
}

export function getChatMember(context: MethodContext): ChatMember {
  const { world, bot, params } = context;
  const userId = params.int("user_id", 0);
  if (userId <= 0) throw badRequest("invalid user_id specified");
  const conversation = resolveChat(world, bot, params.string("chat_id"));
  const user = userById(world, userId);
  if (!user) throw badRequest(TEXT.userNotFound);
  if (conversation.chat.type === "private") {
    const isParticipant = userId === conversation.chat.id || userId === bot.id;
    return memberOf(user, isParticipant ? "member" : "left");
  }
  return memberOf(user, groupStatus(world, conversation.chat.id, userId));
}

function userById(world: World, userId: number): User | undefined {
  const bot: BotAccount | undefined = world.bots.get(userId);
  return bot ? botAsSender(bot) : world.users.get(userId)?.user;
}

function groupStatus(world: World, chatId: number, userId: number): ChatMemberStatus {
  const group = world.groups.get(chatId);
  return group?.members.get(userId) ?? group?.bots.get(userId) ?? "left";
}

/** ChatMember objects carry different fields per status. */
export function memberOf(user: User, status: ChatMemberStatus): ChatMember {
  if (status === "creator") return { status, user, is_anonymous: false };
  if (status === "kicked") return { status, user, until_date: 0 };
  if (status !== "administrator") return { status, user };
  return {
    status,
    user,
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: true,
    can_manage_video_chats: true,
    can_restrict_members: true,
    can_promote_members: false,
    can_change_info: true,
    can_invite_users: true,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    can_pin_messages: true,
    can_manage_topics: false,
  };
}
