import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import { parseName } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";

const surnameQuestion = (io: SectionIO): Question => ({ id: "surname", text: io.t("registration.fullName.surname") });

export const fullNameSection: Section = {
  entry: ["surname"],
  firstQuestion: surnameQuestion,
  async run(io) {
    const surname = await io.asker.askValue(surnameQuestion(io), { text: parseName });
    const givenName = await io.asker.askValue(
      { id: "given_name", text: io.t("registration.fullName.givenName") },
      { text: parseName },
    );
    const patronymic = await io.asker.ask(
      {
        id: "patronymic",
        text: io.t("registration.fullName.patronymic"),
        reply_markup: choices("patronymic", [{ value: "none", label: io.t("registration.fullName.noPatronymic") }]),
      },
      { text: parseName, buttons: true },
    );
    return {
      kind: "done",
      patch: {
        fullName: {
          surname,
          givenName,
          ...(patronymic.kind === "value" ? { patronymic: patronymic.value } : {}),
        },
      },
    };
  },
};
