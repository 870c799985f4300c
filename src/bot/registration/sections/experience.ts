// Professional experience: zero or more jobs, each employer, position, start
// and end month ("until now" for the current job).
import { type ApplicationForm, experienceEntrySchema } from "../../../domain/application.ts";
import { askList } from "../ask-list.ts";
import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import { parseMonthYear, parseShortText } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";

type Entry = ApplicationForm["experience"][number];

const startQuestion = (io: SectionIO): Question => ({
  id: "exp_start",
  text: io.t("registration.experience.ask"),
  reply_markup: choices("exp_start", [
    { value: "add", label: io.t("registration.experience.add") },
    { value: "none", label: io.t("registration.experience.none") },
  ]),
});

export const experienceSection: Section = {
  id: "experience",
  entry: "exp_start",
  firstQuestion: startQuestion,
  async run(io) {
    if ((await io.asker.askButton(startQuestion(io))) === "none") return { kind: "done", patch: { experience: [] } };
    const experience = await askList(io, {
      id: "exp",
      addedKey: "registration.experience.added",
      entry: () => askEntry(io),
    });
    return { kind: "done", patch: { experience } };
  },
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
