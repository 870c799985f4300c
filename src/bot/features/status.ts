// /status: each of the person's applications with its number, status and due
// date. /history: the "History of obtained services", newest first.
import { Composer } from "grammy";
import { isAppealOpen } from "../../domain/appeal.ts";
import { applicationStatusText } from "../../domain/application-status.ts";
import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";

export function statusFeature(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType("private");

  privateChat.command("status", async (ctx) => {
    const { applications, appeals, complaints } = await services.overview.status(ctx.from.id);
    if (applications.length === 0 && appeals.length === 0 && complaints.length === 0) {
      await ctx.reply(ctx.t("status.none"));
      return;
    }
    const appealLines = appeals.map((appeal) =>
      ctx.t(isAppealOpen(appeal.status) ? "status.appealOpen" : "status.appealClosed", {
        number: appeal.number,
        status: ctx.t(`appealStatus.${appeal.status}`),
        received: formatDateTime(appeal.receivedAt),
        dueDate: formatDate(appeal.extendedTo ?? appeal.dueDate),
      }),
    );
    const lines = applications.map((application) =>
      ctx.t("status.line", {
        number: application.number,
        status: applicationStatusText(ctx.t, application.status, application.applicantSex),
        receivedAt: formatDateTime(application.submittedAt),
        dueDate: formatDate(application.dueDate),
      }),
    );
    const complaintLines = complaints.map((complaint) =>
      ctx.t(complaint.status === "received" ? "status.complaintOpen" : "status.complaintClosed", {
        number: complaint.number,
        status: ctx.t(`complaintStatus.${complaint.status}`),
        received: formatDateTime(complaint.receivedAt),
        dueDate: formatDate(complaint.dueDate),
      }),
    );
    await ctx.reply([ctx.t("status.title"), ...lines, ...appealLines, ...complaintLines].join("\n\n"));
  });

  privateChat.command("history", async (ctx) => {
    const entries = await services.overview.history(ctx.from.id);
    if (entries.length === 0) {
      await ctx.reply(ctx.t("history.none"));
      return;
    }
    const lines = entries.map((entry) =>
      entry.kind === "application"
        ? ctx.t("history.application", {
            at: formatDateTime(entry.at),
            number: entry.number,
            status: applicationStatusText(ctx.t, entry.status, entry.applicantSex),
          })
        : ctx.t("history.notification", {
            at: formatDateTime(entry.at),
            number: entry.number ?? "",
            text: ctx.t(`history.kind.${entry.notification}`),
          }),
    );
    await ctx.reply([ctx.t("history.title"), ...lines].join("\n\n"));
  });

  return composer;
}
