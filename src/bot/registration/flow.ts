// The registration path on the bot: the conversations plugin with one
// conversation per section, the "Begin" button, /cancel, and the router that
// enters the section a person is at when they answer its question.
import { conversations, createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard } from "grammy";
import type { Services } from "../../services/index.ts";
import { BEGIN_DATA } from "../callback-data/begin.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";
import type { PendingConversation } from "../middleware/pending-conversation.ts";
import { conversationStateInTurn } from "../turn/conversation-storage.ts";
import { leaveForm } from "../turn/leave-form.ts";
import { turnOf } from "../turn/turn.ts";
import { sectionConversation, type SectionArgs } from "./section-conversation.ts";
import { sections } from "./sections/index.ts";
import { isStepId, type StepId, steps } from "./steps.ts";

/**
 * Bump when a section's code changes so that a stored replay no longer fits
 * it. Conversations stored under an older version are dropped; the draft and
 * its saved sections stay, and the person continues at the start of the
 * section they were in.
 */
export const CONVERSATION_VERSION = 2;


export function beginKeyboard(label: string): InlineKeyboard {
  return new InlineKeyboard().text(label, BEGIN_DATA);
}

export function registrationFlow(deps: {
  services: Services;
  translator: Translator;
  /** Called once an application is submitted (the staff chat gets its card). */
  onSubmitted(applicationId: string): Promise<void>;
}): { plugin: Composer<BotContext>; sections: Composer<BotContext>; router: Composer<BotContext> } {
  const plugin = new Composer<BotContext>();
  plugin.use(conversations<BotContext, Context>({ storage: { type: "context", version: CONVERSATION_VERSION, adapter: conversationStateInTurn() as never } }));

  const sectionComposer = new Composer<BotContext>();
  for (const step of steps) {
    sectionComposer.use(createConversation(sectionConversation(sections[step], deps), { id: step }));
  }

  const router = new Composer<BotContext>();
  const privateChat = router.chatType("private");

  privateChat.callbackQuery(BEGIN_DATA, async (ctx) => {
    await ctx.answerCallbackQuery();
    const target = await prepareDraftEntry(ctx, deps.services);
    await ctx.conversation.enter(target.id, target.args);
  });

  // A person answering the question of the section they are at (the previous
  // section asked it, or the bot restarted in between). The update is taken as
  // the answer to the section's first question only when that question is the
  // one on screen; otherwise the section starts again and says so.
  privateChat.use(async (ctx, next) => {
    if (Object.keys(ctx.conversation.active()).length > 0) return next();
    const draft = await deps.services.registration.findDraft(ctx.from.id);
    if (!draft || draft.paused || !isStepId(draft.step)) return next();
    const answersFirst = turnOf(ctx)?.stored?.prompt?.question === sections[draft.step].entry;
    const args: SectionArgs = answersFirst
      ? { language: ctx.language, draftId: draft.id, fresh: false }
      : { language: ctx.language, draftId: draft.id, fresh: true, notice: "form.continueHere" };
    await ctx.conversation.enter(draft.step, args);
  });

  return { plugin, sections: sectionComposer, router };
}

/**
 * Readies the form at the person's step (a new draft if there is none) and
 * says which conversation to enter so that its first question is asked.
 */
export async function prepareDraftEntry(ctx: BotContext, services: Services): Promise<PendingConversation> {
  const userId = ctx.from!.id;
  const draft = await services.registration.openDraft(userId, ctx.chat!.id, steps[0]);
  const step: StepId = isStepId(draft.step) ? draft.step : steps[0];
  if (draft.paused || draft.step !== step) await services.registration.setProgress(draft.id, { step, paused: false });
  await leaveForm(ctx);
  return { id: step, args: { language: ctx.language, draftId: draft.id, fresh: true } satisfies SectionArgs };
}
