// Professional experience: zero or more jobs, each employer, position, start
// and end month ("until now" for the current job).
import { type ApplicationForm, experienceEntrySchema } from "../../../domain/application.ts";
import { askList, type ListSpec, listFirstQuestion } from "../ask-list.ts";
import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import { parseMonthYear, parseShortText } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";
import { describeJob } from "../summary-text.ts";

type Entry = ApplicationForm["experience"][number];

const jobs: ListSpec<Entry> = {
  id: "exp",
  keys: {
    ask: "registration.experience.ask",
    add: "registration.experience.add",
    none: "registration.experience.none",
    added: "registration.experience.added",
  },
  entry: askEntry,
  current: (form) => form.experience,
  describe: describeJob,
};

export const experienceSection: Section = {
  entry: ["exp_start", "exp_edit"],
  firstQuestion: (io) => listFirstQuestion(io, jobs),
  run: async (io) => ({ kind: "done", patch: { experience: await askList(io, jobs) } }),
};

async function askEntry(io: SectionIO): Promise<Entry> {
  const employer = await io.asker.askValue(
    { id: "exp_employer", text: io.t("registration.experience.employer") },
    { text: (t) => parseShortText(t) },
  );
  const position = await io.asker.askValue(
    { id: "exp_position", text: io.t("registration.experience.position") },
    { text: (t) => parseShortText(t) },
  );
  const start = await io.asker.askValue(
    { id: "exp_from", text: io.t("registration.experience.start") },
    { text: (t) => parseMonthYear(t, io.today) },
  );
  const endQuestion: Question = {
    id: "exp_to",
    text: io.t("registration.experience.end"),
    reply_markup: choices("exp_to", [{ value: "present", label: io.t("registration.experience.untilNow") }]),
  };
  for (;;) {
    const end = await io.asker.ask(endQuestion, { text: (t) => parseMonthYear(t, io.today), buttons: true });
    const entry = experienceEntrySchema.safeParse({
      employer,
      position,
      start,
      end: end.kind === "button" ? "present" : end.value,
    });
    if (entry.success) return entry.data;
    await io.asker.say(io.t("registration.experience.endBeforeStart"));
  }
}
