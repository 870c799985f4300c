// A section of the registration form is one conversation: it asks its
// questions, and its answers are saved in the draft when it ends. Replays
// therefore stay short however long the form is.
import type { DraftForm, YearMonth } from "../../domain/application.ts";
import type { IsoDate } from "../../domain/dates.ts";
import type { Language } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import type { Translate } from "../i18n.ts";
import type { Asker, FormConversation, Question } from "./asker.ts";
import type { StepId } from "./steps.ts";

export type SectionIO = {
  conversation: FormConversation;
  asker: Asker;
  t: Translate;
  language: Language;
  services: Services;
  draftId: string;
  applicantId: string;
  /** The answers saved so far. */
  form: DraftForm;
  /** True when the person came from the summary to change this section. */
  editing: boolean;
  today: YearMonth;
  /** Today's date in Almaty, taken once per section (replays see the same day). */
  todayDate: IsoDate;
  /** Hands a submitted application to the operators. */
  onSubmitted(applicationId: string): Promise<void>;
  /** The form as a Mini App (MINI_APP_URL); unset: not offered. */
  formUrl?: string | undefined;
};

export type SectionOutcome =
  /** Save these answers and go on (to the summary when editing). */
  | { kind: "done"; patch: DraftForm }
  | { kind: "goto"; step: StepId; editing: boolean }
  /** The section ended the flow itself and told the person why. */
  | { kind: "end" };

/** A section of the form; `sections` in sections/index.ts names each by its step. */
export type Section = {
  /**
   * The ids the first question can have (a list shows its entries when it is
   * changed from the summary): an answer enters the section only when one of
   * them is on screen.
   */
  entry: readonly string[];
  /** The first question, sent when the person arrives at the section. */
  firstQuestion(io: SectionIO): Question;
  /** Work to do on arriving, before the first question (sending a code). */
  arrive?(io: SectionIO): Promise<void>;
  run(io: SectionIO): Promise<SectionOutcome>;
};
