// Operators answer the bot's questions in the group by replying to them
// (force_reply): the question is remembered with what it is about and whom it
// asked, and the reply is matched back to it.
import type { Filter, NextFunction } from "grammy";
import type { Actor } from "../../domain/actor.ts";
import type { Language } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import type { StaffPost, StaffQuestion } from "../../services/staff-posts.ts";
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
  question: StaffQuestion,
  readsIn?: Language,
): Promise<void> {
  const asked = readsIn ? `${text}\n\n${ctx.t(`staff.readsIn.${readsIn}`)}` : text;
  const prompt = await ctx.reply(asked, { reply_markup: { force_reply: true, selective: true } });
  await services.staffChat.recordQuestion(ctx.chat!.id, prompt.message_id, question, services.clock.now());
}

/** What the message this one replies to stands for, if the bot posted it. */
export async function repliedPost(ctx: BotContext, services: Services): Promise<StaffPost | undefined> {
  const repliedTo = ctx.message?.reply_to_message;
  if (!repliedTo || !ctx.chat) return undefined;
  return services.staffChat.findPost(ctx.chat.id, repliedTo.message_id);
}

export type OperatorAnswer<K extends StaffQuestion["kind"]> = (
  ctx: Filter<BotContext, "message">,
  post: Extract<StaffQuestion, { kind: K }>,
  operator: Actor,
) => Promise<unknown>;

/**
 * A message handler for the replies to the bot's questions of one kind. Only
 * the operator who was asked may answer; anyone else is told so. Replies to
 * anything else go on to the next handler.
 */
export function onOperatorReply<K extends StaffQuestion["kind"]>(
  services: Services,
  kind: K,
  answer: OperatorAnswer<K>,
) {
  return async (ctx: Filter<BotContext, "message">, next: NextFunction): Promise<void> => {
    const post = await repliedPost(ctx, services);
    if (post?.kind !== kind) return next();
    const asked = post as Extract<StaffQuestion, { kind: K }>;
    if (asked.operatorId !== ctx.from.id) {
      await ctx.reply(ctx.t("staff.refusal.notYours"), { reply_parameters: { message_id: ctx.message.message_id } });
      return;
    }
    await answer(ctx, asked, actorOf(ctx.from));
  };
}

/**
 * A text the operator who was asked sends without "Reply" (or as a reply to
 * another of the bot's messages) cannot be matched to the question, so it is
 * not taken: they are told so, once a question, and asked again by reply.
 */
export function remindToReply(services: Services) {
  return async (ctx: Filter<BotContext, "message:text">): Promise<void> => {
    const repliedTo = ctx.message.reply_to_message;
    // A reply to a colleague is a talk between operators, not an answer to the bot.
    if (repliedTo && repliedTo.from?.id !== ctx.me.id) return;
    if (ctx.message.entities?.some((entity) => entity.type === "bot_command" && entity.offset === 0)) return;
    const now = services.clock.now();
    const question = await services.staffChat.unansweredQuestion(ctx.chat.id, ctx.from.id, now);
    if (!question) return;
    const again = await ctx.reply(ctx.t("staff.reply.viaReply", { name: actorOf(ctx.from).name }), {
      reply_markup: { force_reply: true, selective: true },
      reply_parameters: { message_id: ctx.message.message_id },
    });
    await services.staffChat.recordQuestion(ctx.chat.id, again.message_id, question, now, true);
  };
}
