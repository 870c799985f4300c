// The registration path on the bot: one conversation per section, the
// "Fill in the application" button, and the router that enters the section a
// person is at when they answer its question.

import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { formatDate } from "../../domain/format.ts";
import type { Services } from "../../services/index.ts";
import { BEGIN_DATA } from "../callback-data/begin.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";
import type { PendingConversation } from "../middleware/pending-conversation.ts";
import { leaveForm } from "../turn/leave-form.ts";
import { turnOf } from "../turn/turn.ts";
import { type SectionArgs, sectionConversation } from "./section-conversation.ts";
import { sections } from "./sections/index.ts";
import { isStepId, type StepId, steps } from "./steps.ts";

type FlowDeps = {
  services: Services;
  translator: Translator;
  /** Called once an application is submitted (the staff chat gets its card). */
  onSubmitted(applicationId: string): Promise<void>;
  /** The form as a Mini App, offered on the summary. */
  formUrl?: string | undefined;
};

/** One conversation per section of the form. */
export function registrationConversations(deps: FlowDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const step of steps) composer.use(createConversation(sectionConversation(step, deps), { id: step }));
  return composer;
}

/** "Fill in the application", and entering the section a person answers. Installed after the conversations. */
export function registrationRouter(deps: FlowDeps): Composer<BotContext> {
  const router = new Composer<BotContext>();
  const privateChat = router.chatType("private");

  privateChat.callbackQuery(BEGIN_DATA, async (ctx) => {
    await ctx.answerCallbackQuery();
    // Known account with an application in force: say so before asking for anything.
    const active = await deps.services.registration.findActive(ctx.from.id);
    if (active) {
      await ctx.reply(
        ctx.t("registration.iin.ownActive", {
          number: active.number ?? "",
          status: ctx.t(`status.${active.status}`),
          dueDate: active.dueDate ? formatDate(active.dueDate) : "",
        }),
      );
      return;
    }
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
    const onScreen = turnOf(ctx)?.stored?.prompt?.question;
    const answersFirst = onScreen !== undefined && sections[draft.step].entry.includes(onScreen);
    const args: SectionArgs = answersFirst
      ? { language: ctx.language, draftId: draft.id, fresh: false }
      : { language: ctx.language, draftId: draft.id, fresh: true, notice: "form.continueHere" };
    await ctx.conversation.enter(draft.step, args);
  });

  return router;
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
