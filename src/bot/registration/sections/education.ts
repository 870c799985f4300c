// Education: zero or more entries, the level from the closed list.
import { z } from "zod";
import { type ApplicationForm, educationLevels } from "../../../domain/application.ts";
import { askList } from "../ask-list.ts";
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
  entry: "edu_start",
  firstQuestion: startQuestion,
  async run(io) {
    if ((await io.asker.askButton(startQuestion(io))) === "none") return { kind: "done", patch: { education: [] } };
    const education = await askList(io, {
      id: "edu",
      addedKey: "registration.education.added",
      entry: () => askEntry(io),
    });
    return { kind: "done", patch: { education } };
  },
};

async function askEntry(io: SectionIO): Promise<Entry> {
  const level = await io.asker.askButton({
    id: "edu_level",
    text: io.t("registration.education.level"),
    reply_markup: choices(
      "edu_level",
      educationLevels.map((value) => ({ value, label: io.t(`education.${value}`) })),
    ),
  });
  const institution = await io.asker.askValue(
    { id: "edu_institution", text: io.t("registration.education.institution") },
    { text: (t) => parseShortText(t) },
  );
  const speciality = await io.asker.askValue(
    { id: "edu_speciality", text: io.t("registration.education.speciality") },
    { text: (t) => parseShortText(t) },
  );
  const graduationYear = await io.asker.askValue(
    { id: "edu_year", text: io.t("registration.education.year") },
    { text: (t) => parseGraduationYear(t, io.today) },
  );
  return { level: educationLevelSchema.parse(level), institution, speciality, graduationYear };
}
