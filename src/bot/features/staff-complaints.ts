// The staff chat's work on complaints: renew a missed term or not, satisfy
// or refuse with a reasoning (as a reply). The applicant is told through the
// reminder outbox.
import { Composer } from "grammy";
import { z } from "zod";
import type { Services } from "../../services/index.ts";
import { staffComplaintData } from "../callback-data/staff-complaint.ts";
import type { BotContext } from "../context.ts";
import { actorOf } from "../staff/actor.ts";
import { askOperator, onOperatorReply } from "../staff/operator-reply.ts";
import type { StaffFeatureDeps } from "../staff/staff-desk.ts";

const noteSchema = z.string().trim().min(2).max(1000);

export function staffComplaintsFeature({ desk, services, sendReminders }: StaffFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const now = () => services.clock.now();

  const done = async (ctx: BotContext, result: Awaited<ReturnType<Services["complaints"]["renew"]>>) => {
    if (result.kind === "not_found") return;
    if (result.kind === "not_allowed") {
      await ctx.reply(
        ctx.t("staff.complaint.notOpen", {
          number: result.complaint.number,
          status: ctx.t(`complaintStatus.${result.complaint.status}`),
        }),
      );
      return;
    }
    await ctx.reply(ctx.t("staff.complaint.done", { number: result.complaint.number }));
    await desk.refreshComplaintCard(result.complaint);
    sendReminders();
  };

  composer.callbackQuery(staffComplaintData.filter, async (ctx) => {
    const data = staffComplaintData.decode(ctx.callbackQuery.data);
    const complaint = data ? await services.complaints.findById(data.id) : undefined;
    if (!data || !complaint) return void (await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") }));
    if (data.action === "renew") {
      await ctx.answerCallbackQuery();
      return done(ctx, await services.complaints.renew(complaint.id, actorOf(ctx.from), now()));
    }
    const readsIn = await services.staffRecords.languageOf(complaint.applicantId);
    await ctx.answerCallbackQuery();
    const question = ctx.t(`staff.complaint.ask.${data.action}`, {
      name: actorOf(ctx.from).name,
      number: complaint.number,
    });
    await askOperator(
      ctx,
      services,
      question,
      { kind: "complaint_reply", complaintId: complaint.id, action: data.action, operatorId: ctx.from.id },
      readsIn,
    );
  });

  composer.on(
    "message",
    onOperatorReply(services, "complaint_reply", async (ctx, { complaintId, action }, operator) => {
      const note = noteSchema.safeParse(ctx.message.text ?? "");
      if (!note.success) return void (await ctx.reply(ctx.t("staff.refusal.badComment")));
      if (action === "refuseRenewal")
        return done(ctx, await services.complaints.refuseRenewal(complaintId, operator, note.data, now()));
      return done(
        ctx,
        await services.complaints.decide(
          complaintId,
          operator,
          action === "satisfy" ? "satisfied" : "refused",
          note.data,
          now(),
        ),
      );
    }),
  );

  return composer;
}
