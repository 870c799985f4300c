// Education: zero or more entries, the level from the closed list.
import { z } from "zod";
import { type ApplicationForm, educationLevels } from "../../../domain/application.ts";
import { askList, type ListSpec, listFirstQuestion } from "../ask-list.ts";
import { choices } from "../keyboards.ts";
import { parseGraduationYear, parseShortText } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";
import { describeSchool } from "../summary-text.ts";

type Entry = ApplicationForm["education"][number];

const educationLevelSchema = z.enum(educationLevels);

const schools: ListSpec<Entry> = {
  id: "edu",
  keys: {
    ask: "registration.education.ask",
    add: "registration.education.add",
    none: "registration.education.none",
    added: "registration.education.added",
  },
  entry: askEntry,
  current: (form) => form.education,
  describe: describeSchool,
};

export const educationSection: Section = {
  entry: ["edu_start", "edu_edit"],
  firstQuestion: (io) => listFirstQuestion(io, schools),
  run: async (io) => ({ kind: "done", patch: { education: await askList(io, schools) } }),
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
