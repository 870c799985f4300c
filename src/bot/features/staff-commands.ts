// Commands of the staff chat: /lang, /queue, /find, /stats, /export.
import { Composer, InputFile } from "grammy";
import { z } from "zod";
import { isIsoDate } from "../../domain/dates.ts";
import { sexOfIin } from "../../domain/iin.ts";
import { languages } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import { applicationStatusText } from "../application-status.ts";
import { registerStaffCommandMenu } from "../commands.ts";
import type { BotContext } from "../context.ts";
import { formatDate, formatDateTime } from "../format.ts";
import type { Translator } from "../i18n.ts";
import { useLanguage } from "../middleware/language.ts";
import { actorOf } from "../staff/actor.ts";
import { applicationsCsv } from "../staff/applications-csv.ts";
import { renderDailyChart } from "../staff/daily-chart.ts";
import { queueText, recordMessages } from "../staff/records-text.ts";

const languageArgument = z.enum(languages);

/** "01.11.2026" or "2026-11-01". */
function parseDateArgument(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : text;
  return isIsoDate(iso) ? iso : undefined;
}

const hours = (value: number | null) => (value === null ? "—" : value.toFixed(1));

export function staffCommandsFeature(deps: { services: Services; translator: Translator }): Composer<BotContext> {
  const { services, translator } = deps;
  const composer = new Composer<BotContext>();

  composer.command(["help", "start"], async (ctx) => {
    await ctx.reply(ctx.t("staff.help"));
  });

  composer.command("lang", async (ctx) => {
    const parsed = languageArgument.safeParse(ctx.match.trim());
    if (!parsed.success) return void (await ctx.reply(ctx.t("staff.lang.usage")));
    await services.staffChat.setLanguage(ctx.chat.id, parsed.data);
    useLanguage(ctx, parsed.data, translator);
    await ctx.reply(ctx.t("staff.lang.set"));
    await registerStaffCommandMenu(ctx.api, ctx.chat.id, ctx.t).catch(() => undefined);
  });

  composer.command("queue", async (ctx) => {
    const text = queueText(ctx.t, await services.staffRecords.queue());
    await ctx.reply(text ?? ctx.t("staff.queue.empty"));
  });

  composer.command("find", async (ctx) => {
    const record = await services.staffRecords.find(ctx.match, actorOf(ctx.from!), services.clock.now());
    if (!record) return void (await ctx.reply(ctx.t("staff.find.usage")));
    if (record.applications.length + record.appeals.length + record.complaints.length === 0)
      return void (await ctx.reply(ctx.t("staff.find.nothing")));
    for (const message of recordMessages(ctx.t, record)) await ctx.reply(message);
  });

  composer.command("stats", async (ctx) => {
    const stats = await services.staffRecords.stats(services.clock.now());
    const period = (key: "today" | "week" | "month") => {
      const s = stats[key];
      return ctx.t("staff.stats.period", {
        period: ctx.t(`staff.stats.${key}`),
        received: s.received,
        registered: s.registered,
        refused: s.refused,
        average: hours(s.averageHoursToDecision),
        worst: hours(s.worstHoursToDecision),
        inTerm: s.decidedInTerm,
        decided: s.decided,
      });
    };
    await ctx.reply([period("today"), period("week"), period("month")].join("\n\n"));
    const chart = renderDailyChart({
      title: ctx.t("staff.stats.chartTitle"),
      days: stats.days,
      labels: { received: ctx.t("staff.stats.received"), decided: ctx.t("staff.stats.decided") },
    });
    await ctx.replyWithPhoto(new InputFile(chart, "stats.png"));
  });

  composer.command("export", async (ctx) => {
    const [fromText, toText] = ctx.match.trim().split(/\s+/);
    const from = parseDateArgument(fromText);
    const to = parseDateArgument(toText);
    if (!from || !to || from > to) return void (await ctx.reply(ctx.t("staff.export.usage")));
    const rows = await services.staffRecords.export(from, to, actorOf(ctx.from!), services.clock.now());
    const columns = [
      "number",
      "status",
      "received",
      "due",
      "decided",
      "decidedBy",
      "ground",
      "surname",
      "givenName",
      "patronymic",
      "iin",
      "phone",
      "position",
      "salary",
    ].map((key) => ({ key, header: ctx.t(`staff.export.column.${key}`) }));
    const csv = applicationsCsv(
      columns,
      rows.map((a) => ({
        number: a.number,
        status: applicationStatusText(ctx.t, a.status, sexOfIin(a.form.iin)),
        received: a.submittedAt ? formatDateTime(a.submittedAt) : "",
        due: a.dueDate ? formatDate(a.dueDate) : "",
        decided: a.decidedAt ? formatDateTime(a.decidedAt) : "",
        decidedBy: a.decidedBy?.name,
        ground: a.refusalGround ? ctx.t(`refusalGround.${a.refusalGround}`) : "",
        surname: a.form.fullName?.surname,
        givenName: a.form.fullName?.givenName,
        patronymic: a.form.fullName?.patronymic,
        iin: a.form.iin,
        phone: a.form.phone,
        position: a.form.desiredPosition,
        salary: a.form.desiredSalary,
      })),
    );
    await ctx.replyWithDocument(new InputFile(csv, `applications_${from}_${to}.csv`), {
      caption: ctx.t("staff.export.caption", { count: rows.length }),
    });
  });

  return composer;
}
