// Runs one section as a conversation and hands over to the next: the answers
// and the next step are stored with the update's turn (one transaction), and
// the next section's first question is put on screen. The next section is entered by the router when
// the person answers it (see flow.ts), so no conversation outlives its section.
import type { Context } from "grammy";
import type { DraftForm } from "../../domain/application.ts";
import { almatyDate } from "../../domain/dates.ts";
import { isAnswered, isFormSection } from "../../domain/form-sections.ts";
import type { Language } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import type { Translate, Translator } from "../i18n.ts";
import { Asker, type FormConversation } from "./asker.ts";
import type { SectionIO, SectionOutcome } from "./section.ts";
import { sections } from "./sections/index.ts";
import { type StepId, stepAfter, stepPosition } from "./steps.ts";

export type SectionArgs = {
  language: Language;
  draftId: string;
  /** False when the update that entered the conversation answers the first question. */
  fresh: boolean;
  /** A locale key said before the first question (why the section starts again). */
  notice?: string;
};

export function sectionConversation(
  step: StepId,
  deps: {
    services: Services;
    translator: Translator;
    onSubmitted(applicationId: string): Promise<void>;
    formUrl?: string | undefined;
  },
) {
  const section = sections[step];
  return async (conversation: FormConversation, ctx: Context, args: SectionArgs): Promise<void> => {
    const t = deps.translator.t(args.language);
    const draft = await conversation.external(() => deps.services.registration.loadDraft(args.draftId));
    if (!draft) {
      await new Asker(conversation, ctx, t).say(t("registration.errors.noDraft"));
      return;
    }
    const now = await conversation.external(() => deps.services.clock.now().getTime());
    const todayDate = almatyDate(new Date(now));
    const [year, month] = todayDate.split("-").map(Number);
    const io: SectionIO = {
      conversation,
      asker: new Asker(conversation, ctx, t, { label: stepLabel(t, step), ...(args.fresh ? {} : { first: ctx }) }),
      t,
      language: args.language,
      services: deps.services,
      draftId: args.draftId,
      applicantId: draft.applicantId,
      form: draft.form,
      editing: draft.editing,
      today: { year: year!, month: month! },
      todayDate,
      onSubmitted: deps.onSubmitted,
      formUrl: deps.formUrl,
    };
    if (args.notice) await io.asker.say(t(args.notice));
    if (args.fresh) await section.arrive?.(io);
    const outcome = await section.run(io);
    await handOver(io, step, outcome);
  };
}

async function handOver(io: SectionIO, from: StepId, outcome: SectionOutcome): Promise<void> {
  if (outcome.kind === "end") return;
  const editing = outcome.kind === "goto" ? outcome.editing : false;
  const patch = outcome.kind === "done" ? outcome.patch : {};
  const form = { ...io.form, ...patch };
  const next: StepId = outcome.kind === "goto" ? outcome.step : io.editing ? "summary" : nextUnanswered(from, form);
  await io.asker.storeSection({ draftId: io.draftId, patch, step: next, editing });
  const nextIo: SectionIO = { ...io, form, editing };
  await sections[next].arrive?.(nextIo);
  await io.asker.present(sections[next].firstQuestion(nextIo), { label: stepLabel(io.t, next) });
}

/** "Step 3 of 9.": on every question of the section, so a person always knows how far they are. */
function stepLabel(t: Translate, step: StepId): string {
  return t("registration.step", stepPosition(step));
}

/**
 * The step after `from`, passing over sections already answered (the web form
 * may have filled them): the chat never asks again what the draft holds.
 */
function nextUnanswered(from: StepId, form: DraftForm): StepId {
  let next = stepAfter(from);
  while (isFormSection(next) && isAnswered(next, form)) next = stepAfter(next);
  return next;
}
