// Commands of the staff chat: /lang, /queue, /find, /stats, /export.
// /find and /export answer with a link into the desk, never with data.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { z } from "zod";
import { languages } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import { registerStaffCommandMenu } from "../commands.ts";
import type { BotContext } from "../context.ts";
import type { Translate, Translator } from "../i18n.ts";
import { useLanguage } from "../middleware/language.ts";
import { renderDailyChart } from "../staff/daily-chart.ts";
import type { DeskLinks } from "../staff/desk-links.ts";
import { queueText } from "../staff/records-text.ts";

const languageArgument = z.enum(languages);

const hours = (value: number | null) => (value === null ? "—" : value.toFixed(1));

/** A link into the desk with what it does there, or, without a desk, whom to ask. */
function intoDesk(t: Translate, link: string | undefined, explanation: string): Parameters<BotContext["reply"]> {
  if (!link) return [t("staff.desk.notConfigured")];
  return [explanation, { reply_markup: new InlineKeyboard().url(t("staff.button.openDesk"), link) }];
}

export function staffCommandsFeature(deps: {
  services: Services;
  translator: Translator;
  links: DeskLinks | undefined;
}): Composer<BotContext> {
  const { services, translator, links } = deps;
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

  // The group sees no one's data: /find and /export lead into the desk, where each look is audited.
  composer.command("find", async (ctx) => {
    await ctx.reply(...intoDesk(ctx.t, links?.find(), ctx.t("staff.find.inDesk")));
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
    await ctx.reply(...intoDesk(ctx.t, links?.export(), ctx.t("staff.export.inDesk")));
  });

  return composer;
}
