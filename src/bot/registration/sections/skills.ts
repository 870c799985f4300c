// Personal skills (free text, may be skipped) and language skills (language
// and level, several).
import { z } from "zod";
import { type ApplicationForm, languageLevels, limits } from "../../../domain/application.ts";
import { askList, type ListSpec } from "../ask-list.ts";
import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import { parseShortText } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";
import { describeLanguage } from "../summary-text.ts";

type LanguageSkill = ApplicationForm["languageSkills"][number];

const languageLevelSchema = z.enum(languageLevels);

const personalQuestion = (io: SectionIO): Question => ({
  id: "skills",
  text: io.t("registration.skills.personal", { max: limits.skills }),
  reply_markup: choices("skills", [{ value: "skip", label: io.t("registration.common.skip") }]),
});

export const skillsSection: Section = {
  entry: ["skills"],
  firstQuestion: personalQuestion,
  async run(io) {
    const personal = await io.asker.ask(personalQuestion(io), {
      text: (t) => parseShortText(t, limits.skills),
      buttons: true,
    });
    const languageSkills = await askList(io, languages);
    return {
      kind: "done",
      patch: { personalSkills: personal.kind === "value" ? personal.value : undefined, languageSkills },
    };
  },
};

const languages: ListSpec<LanguageSkill> = {
  id: "lang",
  keys: {
    ask: "registration.skills.languagesAsk",
    add: "registration.skills.addLanguage",
    none: "registration.common.skip",
    added: "registration.skills.languageAdded",
  },
  entry: askLanguage,
  current: (form) => form.languageSkills,
  describe: describeLanguage,
};

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
