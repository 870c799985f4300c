// What work the person wants: working hours (several may be chosen),
// position, monthly pay in tenge.
import { InlineKeyboard } from "grammy";
import { type WorkingHours, workingHoursOptions } from "../../../domain/application.ts";
import { answerData } from "../../callback-data/answer.ts";
import type { Question } from "../asker.ts";
import { parseSalary, parseShortText } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";

const hoursQuestion = (io: SectionIO, chosen: ReadonlySet<WorkingHours>): Question => {
  const keyboard = new InlineKeyboard();
  for (const option of workingHoursOptions) {
    const label = `${chosen.has(option) ? "✅ " : ""}${io.t(`workingHours.${option}`)}`;
    keyboard.text(label, answerData.encode("hours", option)).row();
  }
  keyboard.text(io.t("registration.common.done"), answerData.encode("hours", "done"));
  return { id: "hours", text: io.t("registration.preferences.hours"), reply_markup: keyboard };
};

export const preferencesSection: Section = {
  entry: ["hours"],
  firstQuestion: (io) => hoursQuestion(io, new Set()),
  async run(io) {
    const workingHours = await askHours(io);
    const desiredPosition = await io.asker.askValue(
      { id: "position", text: io.t("registration.preferences.position") },
      { text: (t) => parseShortText(t) },
    );
    const desiredSalary = await io.asker.askValue(
      { id: "salary", text: io.t("registration.preferences.salary") },
      { text: parseSalary },
    );
    return { kind: "done", patch: { workingHours, desiredPosition, desiredSalary } };
  },
};

async function askHours(io: SectionIO): Promise<WorkingHours[]> {
  const chosen = new Set<WorkingHours>();
  let onScreen = false;
  for (;;) {
    const value = await io.asker.askButton(hoursQuestion(io, chosen), { resend: !onScreen });
    onScreen = true;
    if (value === "done") {
      if (chosen.size > 0) return workingHoursOptions.filter((option) => chosen.has(option));
      await io.asker.repeat(hoursQuestion(io, chosen), { error: "registration.preferences.hoursNone" });
      continue;
    }
    const option = workingHoursOptions.find((o) => o === value);
    if (!option) continue;
    if (chosen.has(option)) chosen.delete(option);
    else chosen.add(option);
    // The same message shows the new ticks: no new message per press.
    await io.asker.editKeyboard(hoursQuestion(io, chosen));
  }
}
