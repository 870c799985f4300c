// The staff chat's buttons and replies: take, register, refuse (ground, then
// a comment as a reply), close a conversation, answer an applicant.
import { Composer } from "grammy";
import { z } from "zod";
import type { Application } from "../../domain/application.ts";
import { applicationStatusText } from "../../domain/application-status.ts";
import { formatDateTime } from "../../domain/format.ts";
import { sexOfIin } from "../../domain/iin.ts";
import type { Logger } from "../../logger.ts";
import { type StaffCallback, staffData } from "../callback-data/staff.ts";
import type { BotContext } from "../context.ts";
import { actorOf } from "../staff/actor.ts";
import { applicationCardKeyboard, refusalGroundKeyboard, refusalGroundQuestion } from "../staff/cards.ts";
import { askOperator, onOperatorReply, repliedPost } from "../staff/operator-reply.ts";
import type { StaffFeatureDeps } from "../staff/staff-desk.ts";

const commentSchema = z.string().trim().min(2).max(500);

export function staffDecisionsFeature(
  deps: {
    logger: Logger;
  } & StaffFeatureDeps,
): Composer<BotContext> {
  const { desk, services, logger, sendReminders } = deps;
  const composer = new Composer<BotContext>();
  const now = () => services.clock.now();

  const alreadyDecided = (ctx: BotContext, application: Application) =>
    ctx.answerCallbackQuery({
      text: ctx.t("staff.alreadyDecided", {
        number: application.number ?? "",
        status: applicationStatusText(ctx.t, application.status, sexOfIin(application.form.iin)),
        name: application.decidedBy?.name ?? "",
        at: application.decidedAt ? formatDateTime(application.decidedAt) : "",
      }),
      show_alert: true,
    });

  /**
   * Cards posted before the grounds moved to a question of their own carry
   * the ground buttons themselves: pressed there, the card gets its buttons back.
   */
  const pressedOnCard = async (ctx: BotContext) => {
    const pressed = ctx.callbackQuery?.message?.message_id;
    const post = pressed === undefined ? undefined : await services.staffChat.findPost(ctx.chat!.id, pressed);
    return post?.kind === "application_card" || post?.kind === "due_warning";
  };

  const onButton: Record<StaffCallback["action"], (ctx: BotContext, data: StaffCallback) => Promise<unknown>> = {
    async take(ctx, data) {
      const result = await services.decisions.take(data.id, actorOf(ctx.from!), now());
      if (result.kind === "not_found") return ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
      if (result.kind === "already_decided") return alreadyDecided(ctx, result.application);
      if (result.kind === "taken_by_other") {
        return ctx.answerCallbackQuery({
          text: ctx.t("staff.takenByOther", { name: result.application.assignee?.name ?? "" }),
          show_alert: true,
        });
      }
      await ctx.answerCallbackQuery({ text: ctx.t("staff.taken", { number: result.application.number ?? "" }) });
      await desk.refreshCard(result.application);
    },

    async register(ctx, data) {
      const result = await services.decisions.decide(data.id, actorOf(ctx.from!), { kind: "register" }, now());
      if (result.kind === "not_found") return ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
      if (result.kind === "already_decided") return alreadyDecided(ctx, result.application);
      await ctx.answerCallbackQuery({ text: ctx.t("staff.registered", { number: result.application.number ?? "" }) });
      await desk.refreshCard(result.application);
      sendReminders();
    },

    async refuse(ctx, data) {
      const application = await services.registration.findApplication(data.id);
      if (!application) return ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
      if (application.status !== "submitted") return alreadyDecided(ctx, application);
      await ctx.answerCallbackQuery();
      const card = ctx.callbackQuery?.message?.message_id;
      await ctx.reply(refusalGroundQuestion(ctx.t, application), {
        reply_markup: refusalGroundKeyboard(ctx.t, application.id),
        ...(card ? { reply_parameters: { message_id: card, allow_sending_without_reply: true } } : {}),
      });
    },

    async back(ctx, data) {
      const application = await services.registration.findApplication(data.id);
      await ctx.answerCallbackQuery();
      if (await pressedOnCard(ctx)) {
        if (application)
          await ctx
            .editMessageReplyMarkup({ reply_markup: applicationCardKeyboard(ctx.t, application, desk.links) })
            .catch(() => undefined);
        return;
      }
      await ctx.deleteMessage().catch(() => ctx.editMessageReplyMarkup().catch(() => undefined));
    },

    async ground(ctx, data) {
      const application = await services.registration.findApplication(data.id);
      if (!application) return ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
      if (application.status !== "submitted") return alreadyDecided(ctx, application);
      // Read before the first answer: the chat sees the press answered, then the request at once.
      const onCard = await pressedOnCard(ctx);
      const readsIn = await services.staffRecords.languageOf(application.applicantId);
      await ctx.answerCallbackQuery();
      // The question keeps the grounds' wording; its buttons are spent.
      await ctx
        .editMessageReplyMarkup(
          onCard ? { reply_markup: applicationCardKeyboard(ctx.t, application, desk.links) } : undefined,
        )
        .catch(() => undefined);
      const question = ctx.t("staff.refusal.askComment", {
        name: actorOf(ctx.from!).name,
        number: application.number ?? "",
        ground: ctx.t(`refusalGround.${data.ground}`),
      });
      await askOperator(
        ctx,
        services,
        question,
        { kind: "refusal_comment", applicationId: application.id, ground: data.ground!, operatorId: ctx.from!.id },
        readsIn,
      );
    },

    async close(ctx, data) {
      const view = await services.support.close(data.id, actorOf(ctx.from!), now());
      if (!view) return ctx.answerCallbackQuery({ text: ctx.t("staff.thread.alreadyClosed") });
      await ctx.answerCallbackQuery();
      const card = ctx.callbackQuery?.message;
      if (card && "text" in card && card.text) {
        await ctx
          .editMessageText(`${card.text}\n\n${ctx.t("staff.thread.closedBy", { name: actorOf(ctx.from!).name })}`)
          .catch(() => undefined);
      }
      await desk.threadClosed(view);
    },
  };

  composer.callbackQuery(staffData.filter, async (ctx) => {
    const data = staffData.decode(ctx.callbackQuery.data);
    if (!data) {
      logger.warn({ updateId: ctx.update.update_id }, "forged or malformed staff button refused");
      await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
      return;
    }
    await onButton[data.action](ctx, data);
  });

  composer.on(
    "message",
    onOperatorReply(services, "refusal_comment", async (ctx, post, operator) => {
      const comment = commentSchema.safeParse(ctx.message.text ?? "");
      if (!comment.success)
        return void (await ctx.reply(ctx.t("staff.refusal.badComment"), {
          reply_parameters: { message_id: ctx.message.reply_to_message!.message_id },
        }));
      const result = await services.decisions.decide(
        post.applicationId,
        operator,
        { kind: "refuse", ground: post.ground, note: comment.data },
        now(),
      );
      if (result.kind === "not_found") return;
      if (result.kind === "already_decided") {
        const application = result.application;
        await ctx.reply(
          ctx.t("staff.alreadyDecided", {
            number: application.number ?? "",
            status: applicationStatusText(ctx.t, application.status, sexOfIin(application.form.iin)),
            name: application.decidedBy?.name ?? "",
            at: application.decidedAt ? formatDateTime(application.decidedAt) : "",
          }),
        );
        return;
      }
      await ctx.reply(ctx.t("staff.refused", { number: result.application.number ?? "" }));
      await desk.refreshCard(result.application);
      sendReminders();
    }),
  );

  composer.on("message", async (ctx, next) => {
    const post = await repliedPost(ctx, services);
    if (post?.kind === "thread_card" || post?.kind === "thread_message") {
      const view = await services.support.byId(post.threadId);
      if (view?.thread.status !== "open") return void (await ctx.reply(ctx.t("staff.thread.alreadyClosed")));
      if (!ctx.message.text) return void (await ctx.reply(ctx.t("staff.thread.textOnly")));
      await desk.relayToApplicant(view, ctx.message.text);
      await ctx.reply(ctx.t("staff.thread.delivered"), { reply_parameters: { message_id: ctx.message.message_id } });
      return;
    }
    return next();
  });

  return composer;
}
