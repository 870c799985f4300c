// The staff chat's work on appeals: satisfy or refuse (with the reasoning as
// a reply), refer to the competent body (within 3 working days), extend the
// term (a new date and the reason as a reply). Each change is told to the
// applicant through the reminder outbox.
import { Composer } from "grammy";
import { z } from "zod";
import type { Appeal } from "../../domain/appeal.ts";
import { appealRequirements } from "../../domain/appeal.ts";
import { appealExtensionLimit } from "../../domain/deadlines.ts";
import { formatDate } from "../../domain/format.ts";
import type { AppealExtension } from "../../services/appeals.ts";
import { staffAppealData } from "../callback-data/staff-appeal.ts";
import type { BotContext } from "../context.ts";
import { actorOf } from "../staff/actor.ts";
import { referKeyboard } from "../staff/appeal-card.ts";
import { askOperator, onOperatorReply } from "../staff/operator-reply.ts";
import type { StaffFeatureDeps } from "../staff/staff-desk.ts";

const noteSchema = z.string().trim().min(2).max(1000);
/** "31.01.2027 the documents are requested from another body" */
const extensionReply = /^\s*(\d{2})\.(\d{2})\.(\d{4})\s+(.{2,1000})$/s;

export function staffAppealsFeature({ desk, services, sendReminders }: StaffFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const now = () => services.clock.now();

  const notOpen = (ctx: BotContext, appeal: Appeal) =>
    ctx.answerCallbackQuery({
      text: ctx.t("staff.appeal.notOpen", { number: appeal.number, status: ctx.t(`appealStatus.${appeal.status}`) }),
      show_alert: true,
    });

  composer.callbackQuery(staffAppealData.filter, async (ctx) => {
    const data = staffAppealData.decode(ctx.callbackQuery.data);
    const appeal = data ? await services.appeals.findById(data.id) : undefined;
    if (!data || !appeal) return void (await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") }));

    if (data.action === "refer") {
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("staff.appeal.referTo", { number: appeal.number }), {
        reply_markup: referKeyboard(ctx.t, appeal),
      });
      return;
    }
    if (data.action === "referTo") {
      const result = await services.appeals.refer(appeal.id, actorOf(ctx.from), data.body!, now());
      if (result.kind !== "changed") {
        return void (await ctx.answerCallbackQuery({
          text: ctx.t("staff.appeal.referLate", { number: appeal.number }),
          show_alert: true,
        }));
      }
      await ctx.answerCallbackQuery({ text: ctx.t("staff.appeal.done", { number: appeal.number }) });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      await desk.refreshAppealCard(result.appeal);
      sendReminders();
      return;
    }
    if (
      appeal.status === "satisfied" ||
      appeal.status === "refused" ||
      appeal.status === "referred" ||
      appeal.status === "withdrawn" ||
      appeal.status === "refused_by_silence"
    ) {
      return void (await notOpen(ctx, appeal));
    }
    // The list of requirements is worded by the bot; anything else reaches the applicant as written.
    const readsIn = data.action === "lacking" ? undefined : await services.staffRecords.languageOf(appeal.applicantId);
    await ctx.answerCallbackQuery();
    const operator = actorOf(ctx.from);
    const requirements = appealRequirements
      .map((requirement, i) => `${i + 1}. ${ctx.t(`appeal.requirement.${requirement}`)}`)
      .join("\n");
    const question = ctx.t(`staff.appeal.ask.${data.action}`, {
      name: operator.name,
      number: appeal.number,
      requirements,
    });
    await askOperator(
      ctx,
      services,
      question,
      { kind: "appeal_reply", appealId: appeal.id, action: data.action, operatorId: ctx.from.id },
      readsIn,
    );
  });

  composer.on(
    "message",
    onOperatorReply(services, "appeal_reply", async (ctx, { appealId, action }, operator) => {
      const text = ctx.message.text ?? "";

      let result: AppealExtension;
      if (action === "lacking") {
        // "3 5" (3 working days to put it right) or "3 5 / 7" (7 working days).
        const [list = "", daysText] = text.split("/");
        const numbers = [...new Set((list.match(/\d+/g) ?? []).map(Number))];
        const missing = numbers.map((n) => appealRequirements[n - 1]).filter((r) => r !== undefined);
        const days = daysText === undefined ? undefined : Number(daysText.trim());
        const badDays = days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 30);
        if (missing.length === 0 || missing.length !== numbers.length || badDays)
          return void (await ctx.reply(ctx.t("staff.appeal.badLacking")));
        result = await services.appeals.markNonCompliant(appealId, operator, missing, now(), days);
      } else if (action === "extend") {
        const match = extensionReply.exec(text);
        if (!match) return void (await ctx.reply(ctx.t("staff.appeal.badExtension")));
        const newDue = `${match[3]}-${match[2]}-${match[1]}`;
        result = await services.appeals.extend(appealId, operator, newDue, match[4]!.trim(), now());
        if (result.kind === "bad_date") {
          const appeal = await services.appeals.findById(appealId);
          const limit = appeal ? formatDate(appealExtensionLimit(appeal.receivedDate)) : "";
          return void (await ctx.reply(ctx.t(`staff.appeal.extension.${result.reason}`, { limit })));
        }
      } else {
        const note = noteSchema.safeParse(text);
        if (!note.success) return void (await ctx.reply(ctx.t("staff.refusal.badComment")));
        result = await services.appeals.decide(
          appealId,
          operator,
          action === "satisfy" ? "satisfied" : "refused",
          note.data,
          now(),
        );
      }
      if (result.kind === "not_found") return;
      if (result.kind === "not_allowed") {
        return void (await ctx.reply(
          ctx.t("staff.appeal.notOpen", {
            number: result.appeal.number,
            status: ctx.t(`appealStatus.${result.appeal.status}`),
          }),
        ));
      }
      await ctx.reply(ctx.t("staff.appeal.done", { number: result.appeal.number }));
      await desk.refreshAppealCard(result.appeal);
      sendReminders();
    }),
  );

  return composer;
}
