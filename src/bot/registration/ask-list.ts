// "Zero or more" answers (jobs, education, languages): first whether there is
// any, then one entry at a time and "add another" or "done", up to the form's
// limit.
import { limits } from "../../domain/application.ts";
import type { Question } from "./asker.ts";
import { choices } from "./keyboards.ts";
import type { SectionIO } from "./section.ts";

export type ListSpec<T> = {
  /** Prefix of the question ids: "<id>_start", "<id>_more". */
  id: string;
  /** Locale keys: the opening question, its two buttons, and "N added, another?". */
  keys: { ask: string; add: string; none: string; added: string };
  entry(io: SectionIO): Promise<T>;
};

/** Whether there is anything to list: the section's first question when the list opens it. */
export function listStartQuestion<T>(io: SectionIO, list: ListSpec<T>): Question {
  return {
    id: `${list.id}_start`,
    text: io.t(list.keys.ask),
    reply_markup: choices(`${list.id}_start`, [
      { value: "add", label: io.t(list.keys.add) },
      { value: "none", label: io.t(list.keys.none) },
    ]),
  };
}

export async function askList<T>(io: SectionIO, list: ListSpec<T>): Promise<T[]> {
  if ((await io.asker.askButton(listStartQuestion(io, list))) === "none") return [];
  const entries: T[] = [];
  for (;;) {
    entries.push(await list.entry(io));
    if (entries.length >= limits.entries) return entries;
    const more = await io.asker.askButton({
      id: `${list.id}_more`,
      text: io.t(list.keys.added, { count: entries.length }),
      reply_markup: choices(`${list.id}_more`, [
        { value: "add", label: io.t("registration.common.addAnother") },
        { value: "done", label: io.t("registration.common.done") },
      ]),
    });
    if (more === "done") return entries;
  }
}
