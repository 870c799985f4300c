// The operators' group: everything there is in the staff chat's language and
// for operators only. A button pressed, or a command sent, by anyone else is
// refused and logged; staff buttons from any other chat likewise.
import { Composer } from "grammy";
import type { Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import { staffData } from "../callback-data/staff.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";
import { useLanguage } from "../middleware/language.ts";
import type { OperatorGuard } from "../staff/operator-guard.ts";
import { remindToReply } from "../staff/operator-reply.ts";
import type { StaffChatAddress } from "../staff/staff-chat-address.ts";
import type { StaffDesk } from "../staff/staff-desk.ts";
import { staffAppealsFeature } from "./staff-appeals.ts";
import { staffCommandsFeature } from "./staff-commands.ts";
import { staffComplaintsFeature } from "./staff-complaints.ts";
import { staffDecisionsFeature } from "./staff-decisions.ts";

export function staffChatFeature(deps: {
  desk: StaffDesk;
  guard: OperatorGuard;
  address: StaffChatAddress;
  services: Services;
  translator: Translator;
  logger: Logger;
  sendReminders(): void;
}): Composer<BotContext> {
  const { desk, guard, address, services, translator, logger, sendReminders } = deps;
  const composer = new Composer<BotContext>();

  // The group became a supergroup: Telegram's service messages in the old and the new chat.
  composer.on("message:migrate_to_chat_id", async (ctx, next) => {
    if (!(await address.moved(ctx.chat.id, ctx.msg.migrate_to_chat_id))) await next();
  });
  composer.on("message:migrate_from_chat_id", async (ctx, next) => {
    if (!(await address.moved(ctx.msg.migrate_from_chat_id, ctx.chat.id))) await next();
  });

  const inStaffChat = composer.filter((ctx) => ctx.chat !== undefined && address.isStaffChat(ctx.chat.id));

  inStaffChat.use(async (ctx, next) => {
    useLanguage(ctx, await services.staffChat.language(desk.staffChatId), translator);
    if (!ctx.from || !(await guard.isOperator(ctx.from.id))) {
      const isCommand = ctx.message?.entities?.[0]?.type === "bot_command";
      if (!ctx.callbackQuery && !isCommand) return;
      logger.warn({ updateId: ctx.update.update_id }, "staff action by a non-operator refused");
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("staff.notOperator"), show_alert: true });
      else await ctx.reply(ctx.t("staff.notOperator"));
      return;
    }
    await next();
  });
  inStaffChat.use(staffDecisionsFeature({ desk, services, logger, sendReminders }));
  inStaffChat.use(staffAppealsFeature({ desk, services, sendReminders }));
  inStaffChat.use(staffComplaintsFeature({ desk, services, sendReminders }));
  inStaffChat.use(staffCommandsFeature({ services, translator, links: desk.links }));
  // Last: only a text nothing above took can be an answer typed without "Reply".
  inStaffChat.on("message:text", remindToReply(services));

  composer.callbackQuery(staffData.filter, async (ctx) => {
    logger.warn({ updateId: ctx.update.update_id }, "staff button pressed outside the staff chat refused");
    await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
  });
  return composer;
}
