// Operators answer the bot's questions in the group by replying to them
// (force_reply): the question is remembered with what it is about and whom it
// asked, and the reply is matched back to it.
import type { Filter, NextFunction } from "grammy";
import type { Actor } from "../../domain/actor.ts";
import type { Language } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import type { StaffPost } from "../../services/staff-posts.ts";
import type { BotContext } from "../context.ts";
import { actorOf } from "./actor.ts";

/**
 * Asks the operator who pressed for an answer by reply. `readsIn`: the
 * applicant's language, when the answer is passed on to them as written
 * (the bot does not translate an operator's words).
 */
export async function askOperator(
  ctx: BotContext,
  services: Services,
  text: string,
  post: StaffPost,
  readsIn?: Language,
): Promise<void> {
  const question = readsIn ? `${text}\n\n${ctx.t(`staff.readsIn.${readsIn}`)}` : text;
  const prompt = await ctx.reply(question, { reply_markup: { force_reply: true, selective: true } });
  await services.staffChat.recordPost(ctx.chat!.id, prompt.message_id, post);
}

/** What the message this one replies to stands for, if the bot posted it. */
export async function repliedPost(ctx: BotContext, services: Services): Promise<StaffPost | undefined> {
  const repliedTo = ctx.message?.reply_to_message;
  if (!repliedTo || !ctx.chat) return undefined;
  return services.staffChat.findPost(ctx.chat.id, repliedTo.message_id);
}

/** The bot's questions that one operator answers by replying. */
type AskedPost = Extract<StaffPost, { operatorId: number }>;

export type OperatorAnswer<K extends AskedPost["kind"]> = (
  ctx: Filter<BotContext, "message">,
  post: Extract<AskedPost, { kind: K }>,
  operator: Actor,
) => Promise<unknown>;

/**
 * A message handler for the replies to the bot's questions of one kind. Only
 * the operator who was asked may answer; anyone else is told so. Replies to
 * anything else go on to the next handler.
 */
export function onOperatorReply<K extends AskedPost["kind"]>(services: Services, kind: K, answer: OperatorAnswer<K>) {
  return async (ctx: Filter<BotContext, "message">, next: NextFunction): Promise<void> => {
    const post = await repliedPost(ctx, services);
    if (post?.kind !== kind) return next();
    const asked = post as Extract<AskedPost, { kind: K }>;
    if (asked.operatorId !== ctx.from.id) {
      await ctx.reply(ctx.t("staff.refusal.notYours"), { reply_parameters: { message_id: ctx.message.message_id } });
      return;
    }
    await answer(ctx, asked, actorOf(ctx.from));
  };
}
