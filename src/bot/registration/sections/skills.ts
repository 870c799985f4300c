// Personal skills (free text, may be skipped) and language skills (language
// and level, several).
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { type ApplicationForm, languageLevels, limits } from "../../../domain/application.ts";
import { languages as serviceLanguages } from "../../../domain/language.ts";
import { answerData } from "../../callback-data/answer.ts";
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

/** The languages of the service, which most people here name, are offered as buttons; any other is typed. */
const offeredLanguageSchema = z.enum([...serviceLanguages, "other"]);

const languageNameQuestion = (io: SectionIO): Question => {
  const button = (value: z.infer<typeof offeredLanguageSchema>) =>
    InlineKeyboard.text(io.t(`registration.skills.languageButton.${value}`), answerData.encode("lang_name", value));
  return {
    id: "lang_name",
    text: io.t("registration.skills.language"),
    reply_markup: InlineKeyboard.from([serviceLanguages.map(button), [button("other")]]),
  };
};

async function askLanguageName(io: SectionIO): Promise<string> {
  const typed = { text: (t: string) => parseShortText(t, 50) };
  const answer = await io.asker.ask(languageNameQuestion(io), { ...typed, buttons: true });
  if (answer.kind === "value") return answer.value;
  const offered = offeredLanguageSchema.parse(answer.value);
  if (offered !== "other") return io.t(`registration.skills.languageName.${offered}`);
  return io.asker.askValue({ id: "lang_other", text: io.t("registration.skills.otherLanguage") }, typed);
}

async function askLanguage(io: SectionIO): Promise<LanguageSkill> {
  const language = await askLanguageName(io);
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
