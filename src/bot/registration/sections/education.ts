// Education: zero or more entries, the level from the closed list.
import { z } from "zod";
import { type ApplicationForm, educationLevels, limits } from "../../../domain/application.ts";
import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import { parseGraduationYear, parseShortText } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";

type Entry = ApplicationForm["education"][number];

const educationLevelSchema = z.enum(educationLevels);

const startQuestion = (io: SectionIO): Question => ({
  id: "edu_start",
  text: io.t("registration.education.ask"),
  reply_markup: choices("edu_start", [
    { value: "add", label: io.t("registration.education.add") },
    { value: "none", label: io.t("registration.education.none") },
  ]),
});

export const educationSection: Section = {
  id: "education",
  firstQuestion: startQuestion,
  async run(io) {
    const entries: Entry[] = [];
    if ((await io.asker.askButton(startQuestion(io))) === "none") return { kind: "done", patch: { education: [] } };
    for (;;) {
      entries.push(await askEntry(io));
      if (entries.length >= limits.entries) break;
      const more = await io.asker.askButton({
        id: "edu_more",
        text: io.t("registration.education.added", { count: entries.length }),
        reply_markup: choices("edu_more", [
          { value: "add", label: io.t("registration.common.addAnother") },
          { value: "done", label: io.t("registration.common.done") },
        ]),
      });
      if (more === "done") break;
    }
    return { kind: "done", patch: { education: entries } };
  },
};

async function askEntry(io: SectionIO): Promise<Entry> {
  const level = await io.asker.askButton({
    id: "edu_level",
    text: io.t("registration.education.level"),
    reply_markup: choices("edu_level", educationLevels.map((value) => ({ value, label: io.t(`education.${value}`) }))),
  });
  const institution = await io.asker.askValue({ id: "edu_institution", text: io.t("registration.education.institution") }, { text: (t) => parseShortText(t) });
  const speciality = await io.asker.askValue({ id: "edu_speciality", text: io.t("registration.education.speciality") }, { text: (t) => parseShortText(t) });
  const graduationYear = await io.asker.askValue({ id: "edu_year", text: io.t("registration.education.year") }, { text: (t) => parseGraduationYear(t, io.today) });
  return { level: educationLevelSchema.parse(level), institution, speciality, graduationYear };
}
