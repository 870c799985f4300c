// Operators answer the bot's questions in the group by replying to them
// (force_reply): the question is remembered with what it is about, and the
// reply is matched back to it, from the operator who was asked only.
import type { StaffPost, StaffPostKind } from "../../db/staff-chats.ts";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";

export async function askOperator(ctx: BotContext, services: Services, question: string, kind: StaffPostKind, payload: Record<string, unknown>): Promise<void> {
  const prompt = await ctx.reply(question, { reply_markup: { force_reply: true, selective: true } });
  await services.staffChats.recordPost(ctx.chat!.id, prompt.message_id, { kind, payload: { ...payload, operatorId: ctx.from!.id } });
}

/** The question this message answers, if it is a reply to one of that kind; undefined otherwise. */
export async function operatorReplyTo(ctx: BotContext, services: Services, kind: StaffPostKind): Promise<StaffPost | undefined> {
  const repliedTo = ctx.message?.reply_to_message;
  if (!repliedTo || !ctx.chat) return undefined;
  const post = await services.staffChats.findPost(ctx.chat.id, repliedTo.message_id);
  return post?.kind === kind ? post : undefined;
}
