// "Zero or more" answers (jobs, education, languages): first whether there is
// any, then one entry at a time and "add another" or "done", up to the form's
// limit. Coming back from the summary to a list that has entries shows them,
// and the person adds, changes or removes one: nothing typed before is
// replaced without being seen.
import { InlineKeyboard } from "grammy";
import { type DraftForm, limits } from "../../domain/application.ts";
import { answerData } from "../callback-data/answer.ts";
import type { Translate } from "../i18n.ts";
import type { Question } from "./asker.ts";
import { choices } from "./keyboards.ts";
import type { SectionIO } from "./section.ts";

export type ListSpec<T> = {
  /** Prefix of the question ids: "<id>_start", "<id>_more", "<id>_edit". */
  id: string;
  /** Locale keys: the opening question, its two buttons, and "N added, another?". */
  keys: { ask: string; add: string; none: string; added: string };
  entry(io: SectionIO): Promise<T>;
  /** The entries the draft holds now. */
  current(form: DraftForm): T[] | undefined;
  /** One entry on one line, as the summary shows it. */
  describe(t: Translate, entry: T): string;
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

/** The list's first question: its entries when changing them from the summary, otherwise whether there are any. */
export function listFirstQuestion<T>(io: SectionIO, list: ListSpec<T>): Question {
  const entries = entriesToEdit(io, list);
  return entries.length > 0 ? editQuestion(io, list, entries) : listStartQuestion(io, list);
}

export async function askList<T>(io: SectionIO, list: ListSpec<T>): Promise<T[]> {
  const entries = entriesToEdit(io, list);
  if (entries.length > 0) return editList(io, list, entries);
  if ((await io.asker.askButton(listStartQuestion(io, list))) === "none") return [];
  const added: T[] = [];
  for (;;) {
    added.push(await list.entry(io));
    if (added.length >= limits.entries) return added;
    const more = await io.asker.askButton({
      id: `${list.id}_more`,
      text: io.t(list.keys.added, { count: added.length }),
      reply_markup: choices(`${list.id}_more`, [
        { value: "add", label: io.t("registration.common.addAnother") },
        { value: "done", label: io.t("registration.common.done") },
      ]),
    });
    if (more === "done") return added;
  }
}

function entriesToEdit<T>(io: SectionIO, list: ListSpec<T>): T[] {
  return io.editing ? [...(list.current(io.form) ?? [])] : [];
}

async function editList<T>(io: SectionIO, list: ListSpec<T>, entries: T[]): Promise<T[]> {
  for (;;) {
    const choice = await io.asker.askButton(editQuestion(io, list, entries));
    if (choice === "done") return entries;
    if (choice === "add") {
      entries.push(await list.entry(io));
      continue;
    }
    const [, action, position] = /^(change|remove)_(\d+)$/.exec(choice) ?? [];
    const index = Number(position);
    if (!(index < entries.length)) continue;
    if (action === "change") entries[index] = await list.entry(io);
    if (action === "remove") entries.splice(index, 1);
  }
}

function editQuestion<T>(io: SectionIO, list: ListSpec<T>, entries: T[]): Question {
  const id = `${list.id}_edit`;
  const button = (label: string, value: string) => InlineKeyboard.text(label, answerData.encode(id, value));
  const keyboard = InlineKeyboard.from(
    entries.map((_, i) => [
      button(io.t("registration.common.changeEntry", { n: i + 1 }), `change_${i}`),
      button(io.t("registration.common.removeEntry", { n: i + 1 }), `remove_${i}`),
    ]),
  );
  if (entries.length < limits.entries) keyboard.row(button(io.t("registration.common.addAnother"), "add"));
  keyboard.row(button(io.t("registration.common.keepList"), "done"));
  const lines = entries.map((entry, i) => `${i + 1}. ${list.describe(io.t, entry)}`);
  return {
    id,
    text:
      entries.length > 0
        ? io.t("registration.common.listNow", { entries: lines.join("\n") })
        : io.t("registration.common.listEmpty"),
    reply_markup: keyboard,
  };
}
