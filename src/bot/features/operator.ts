// "Talk to a person": /operator (or the button under error messages) opens a
// thread in the staff chat; until an operator closes it, the person's
// messages go to that thread and the operators' replies come back here.
import { Composer, InlineKeyboard } from "grammy";
import type { User } from "grammy/types";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";
import type { Translate } from "../i18n.ts";
import type { StaffDesk } from "../staff/staff-desk.ts";
import { leaveForm } from "../turn/leave-form.ts";

export const TALK_TO_PERSON_DATA = "op:talk";

export function talkToPersonKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("operator.button"), TALK_TO_PERSON_DATA);
}

function personName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

export function operatorFeature(deps: { desk: StaffDesk | undefined; services: Services }): Composer<BotContext> {
  const { desk, services } = deps;
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType("private");

  const open = async (ctx: BotContext) => {
    if (!desk) return void (await ctx.reply(ctx.t("operator.unavailable")));
    await leaveForm(ctx);
    const draft = await services.registration.findDraft(ctx.from!.id);
    if (draft && !draft.paused) await services.registration.setProgress(draft.id, { step: draft.step, paused: true });
    const { view, created } = await services.support.open(ctx.from!.id, ctx.chat!.id, services.clock.now());
    if (created) await desk.openThread(view, personName(ctx.from!));
    await ctx.reply(ctx.t("operator.opened"), { reply_markup: { remove_keyboard: true } });
  };

  privateChat.command("operator", open);
  privateChat.callbackQuery(TALK_TO_PERSON_DATA, async (ctx) => {
    await ctx.answerCallbackQuery();
    await open(ctx);
  });

  // While a thread is open, what the person writes goes to the operators,
  // unless a form is in progress: a conversation (/appeal, /complaint, a
  // section of the application) or the application they went back to
  // ("Continue"). Then answers are answers.
  privateChat.on("message", async (ctx, next) => {
    if (!desk || ctx.message.entities?.[0]?.type === "bot_command") return next();
    if (Object.keys(ctx.conversation.active()).length > 0) return next();
    const view = await services.support.openThreadOf(ctx.from.id);
    if (!view) return next();
    const draft = await services.registration.findDraft(ctx.from.id);
    if (draft && !draft.paused) return next();
    if (!ctx.message.text) return void (await ctx.reply(ctx.t("operator.textOnly")));
    await desk.relayToStaff(view, ctx.message.text);
    await ctx.reply(ctx.t("operator.sent"));
  });

  return composer;
}
