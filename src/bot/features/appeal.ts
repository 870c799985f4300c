// /appeal files an appeal and /complaint (or the button under a refusal) a
// complaint, in conversations of their own; the appeal receipt's button
// withdraws it before a decision, after a confirmation; "put it right"
// reopens the missing answers.
import { Composer, type NextFunction } from "grammy";
import type { Services } from "../../services/index.ts";
import { APPEAL_CONVERSATION, APPEAL_FIX_CONVERSATION } from "../appeals/appeal-conversation.ts";
import { appealData, COMPLAINT_DATA } from "../appeals/callback-data.ts";
import { COMPLAINT_CONVERSATION } from "../appeals/complaint-conversation.ts";
import { confirmWithdrawKeyboard } from "../appeals/keyboards.ts";
import type { BotContext } from "../context.ts";
import { enterAfterwards } from "../middleware/pending-conversation.ts";
import type { StaffDesk } from "../staff/staff-desk.ts";
import { leaveForm } from "../turn/leave-form.ts";

export function appealFeature(services: Services, desk: StaffDesk | undefined): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  /** The form in progress is paused (kept as typed) and the conversation starts once this update is handled. */
  async function leaveFormFor(ctx: BotContext, next: NextFunction, conversation: string): Promise<void> {
    await leaveForm(ctx);
    const draft = await services.registration.findDraft(ctx.from!.id);
    if (draft && !draft.paused) await services.registration.setProgress(draft.id, { step: draft.step, paused: true });
    enterAfterwards(ctx, { id: conversation, args: { language: ctx.language } });
    await next();
  }
  const privateChat = composer.chatType("private");

  privateChat.command("appeal", (ctx, next) => leaveFormFor(ctx, next, APPEAL_CONVERSATION));

  privateChat.command("complaint", (ctx, next) => leaveFormFor(ctx, next, COMPLAINT_CONVERSATION));

  privateChat.callbackQuery(COMPLAINT_DATA, async (ctx, next) => {
    await ctx.answerCallbackQuery();
    await leaveFormFor(ctx, next, COMPLAINT_CONVERSATION);
  });

  privateChat.callbackQuery(appealData.filter, async (ctx, next) => {
    const data = appealData.decode(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") }));
    if (data.action === "fix") {
      await ctx.answerCallbackQuery();
      await leaveForm(ctx);
      enterAfterwards(ctx, { id: APPEAL_FIX_CONVERSATION, args: { language: ctx.language, appealId: data.id } });
      return next();
    }
    if (data.action === "withdraw") {
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("appeal.withdraw.confirm"), { reply_markup: confirmWithdrawKeyboard(ctx.t, data.id) });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (data.action === "keep") return void (await ctx.reply(ctx.t("appeal.withdraw.kept")));
    const { result, appeal } = await services.appeals.withdraw(data.id, ctx.from.id, services.clock.now());
    await ctx.reply(ctx.t(`appeal.withdraw.${result}`));
    // Operators must not go on working on it.
    if (appeal) await desk?.refreshAppealCard(appeal);
  });

  return composer;
}
