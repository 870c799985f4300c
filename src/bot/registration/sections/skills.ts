// Personal skills (free text, may be skipped) and language skills (language
// and level, several).
import { z } from "zod";
import { type ApplicationForm, languageLevels, limits } from "../../../domain/application.ts";
import { askList } from "../ask-list.ts";
import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import { parseShortText } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";

type LanguageSkill = ApplicationForm["languageSkills"][number];

const languageLevelSchema = z.enum(languageLevels);

const personalQuestion = (io: SectionIO): Question => ({
  id: "skills",
  text: io.t("registration.skills.personal", { max: limits.skills }),
  reply_markup: choices("skills", [{ value: "skip", label: io.t("registration.common.skip") }]),
});

export const skillsSection: Section = {
  id: "skills",
  entry: "skills",
  firstQuestion: personalQuestion,
  async run(io) {
    const personal = await io.asker.ask(personalQuestion(io), {
      text: (t) => parseShortText(t, limits.skills),
      buttons: true,
    });
    const languageSkills = await askLanguages(io);
    return {
      kind: "done",
      patch: { personalSkills: personal.kind === "value" ? personal.value : undefined, languageSkills },
    };
  },
};

async function askLanguages(io: SectionIO): Promise<LanguageSkill[]> {
  const start = await io.asker.askButton({
    id: "lang_start",
    text: io.t("registration.skills.languagesAsk"),
    reply_markup: choices("lang_start", [
      { value: "add", label: io.t("registration.skills.addLanguage") },
      { value: "skip", label: io.t("registration.common.skip") },
    ]),
  });
  if (start === "skip") return [];
  return askList(io, { id: "lang", addedKey: "registration.skills.languageAdded", entry: () => askLanguage(io) });
}

async function askLanguage(io: SectionIO): Promise<LanguageSkill> {
  const language = await io.asker.askValue(
    { id: "lang_name", text: io.t("registration.skills.language") },
    { text: (t) => parseShortText(t, 50) },
  );
  const level = await io.asker.askButton({
    id: "lang_level",
    text: io.t("registration.skills.level", { language }),
    reply_markup: choices(
      "lang_level",
      languageLevels.map((value) => ({ value, label: io.t(`languageLevel.${value}`) })),
    ),
  });
  return { language, level: languageLevelSchema.parse(level) };
}
