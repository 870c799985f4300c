// The citizen's form as a Mini App, from the chat's side: its `web_app`
// button (the introduction, the summary, /help), the chat's menu button, and
// the message that hands the person back to the chat after a web save.
// Without MINI_APP_URL none of this shows.
import { type Api, Composer, type InlineKeyboard } from "grammy";
import type { Language } from "../../domain/language.ts";
import { describeError, type Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import { WEB_FORM_CONTINUE_DATA } from "../callback-data/web-form.ts";
import type { BotContext } from "../context.ts";
import type { Translate, Translator } from "../i18n.ts";
import { enterAfterwards } from "../middleware/pending-conversation.ts";
import { prepareDraftEntry } from "../registration/flow.ts";

/** Where the form's page is, from MINI_APP_URL (the server's public base). */
export function formPageUrl(miniAppUrl: string | undefined): string | undefined {
  return miniAppUrl && `${miniAppUrl}/app/form/`;
}

/** The keyboard with the form's button on a row of its own at the end (unchanged without a page). */
export function withFormButton(keyboard: InlineKeyboard, t: Translate, formUrl: string | undefined): InlineKeyboard {
  return formUrl ? keyboard.row().webApp(t("miniApp.open"), formUrl) : keyboard;
}

/**
 * The menu button beside the chat's input opens the form. Set per chat, in
 * the person's language (the default one would be in a single language for all).
 */
export async function showFormInMenu(ctx: BotContext, formUrl: string | undefined): Promise<void> {
  if (!formUrl || !ctx.chat || ctx.chat.type !== "private") return;
  await ctx.api
    .setChatMenuButton({
      chat_id: ctx.chat.id,
      menu_button: { type: "web_app", text: ctx.t("miniApp.menuButton"), web_app: { url: formUrl } },
    })
    // A convenience: the form is also on the welcome's button.
    .catch(() => undefined);
}

export type WebFormSavedNotice = (userId: number) => Promise<void>;

/**
 * After a web save the chat says so, with the button that goes on at the
 * draft's step: the next unanswered question, or the summary to check and sign.
 * (A private chat's id is the person's id.)
 *
 * Why a button and not the next question itself: a question is put on screen
 * only by an update's turn (bot/turn/), which stores the conversation's state,
 * the question and its delivery in one write under the chat's lock; that is
 * what lets the next answer land in the field that was asked. A web save is
 * an HTTP request, not an update: a question sent from here would be one the
 * chat's state does not know, and could cross an update being handled.
 *
 * Never rejects: the save stands whether or not the chat could be told (its
 * next message resumes at the draft's step anyway), so a failure is logged.
 */
export function webFormSavedNotice(deps: {
  api: Api;
  translator: Translator;
  logger: Logger;
  languageOf(userId: number): Promise<Language | undefined>;
}): WebFormSavedNotice {
  return async (userId) => {
    try {
      const t = deps.translator.t((await deps.languageOf(userId)) ?? "ru");
      await deps.api.sendMessage(userId, t("miniApp.savedInChat"), {
        reply_markup: {
          inline_keyboard: [[{ text: t("registration.continue"), callback_data: WEB_FORM_CONTINUE_DATA }]],
        },
      });
    } catch (error) {
      deps.logger.warn({ err: describeError(error) }, "could not tell the chat of a web save");
    }
  };
}

/**
 * The press on that button. Handled before the conversations, as a command
 * is: a section the chat was in the middle of (a job half described) ends,
 * and the draft's step, which the web save set, starts afresh.
 */
export function webFormFeature(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").callbackQuery(WEB_FORM_CONTINUE_DATA, async (ctx, next) => {
    await ctx.answerCallbackQuery();
    if (!(await services.registration.findDraft(ctx.from.id))) {
      await ctx.reply(ctx.t("registration.errors.noDraft"));
      return;
    }
    enterAfterwards(ctx, await prepareDraftEntry(ctx, services));
    return next();
  });
  return composer;
}
