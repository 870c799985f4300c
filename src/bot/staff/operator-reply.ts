// Operators answer the bot's questions in the group by replying to them
// (force_reply): the question is remembered with what it is about and whom it
// asked, and the reply is matched back to it.
import type { Services } from "../../services/index.ts";
import type { StaffPost } from "../../services/staff-posts.ts";
import type { BotContext } from "../context.ts";

export async function askOperator(ctx: BotContext, services: Services, text: string, post: StaffPost): Promise<void> {
  const prompt = await ctx.reply(text, { reply_markup: { force_reply: true, selective: true } });
  await services.staffChat.recordPost(ctx.chat!.id, prompt.message_id, post);
}

/** What the message this one replies to stands for, if the bot posted it. */
export async function repliedPost(ctx: BotContext, services: Services): Promise<StaffPost | undefined> {
  const repliedTo = ctx.message?.reply_to_message;
  if (!repliedTo || !ctx.chat) return undefined;
  return services.staffChat.findPost(ctx.chat.id, repliedTo.message_id);
}
