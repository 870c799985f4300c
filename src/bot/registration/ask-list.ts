// "Zero or more" sections (jobs, education, languages): one entry at a time,
// then "add another" or "done", up to the form's limit.
import { limits } from "../../domain/application.ts";
import { choices } from "./keyboards.ts";
import type { SectionIO } from "./section.ts";

export async function askList<T>(
  io: SectionIO,
  list: { id: string; addedKey: string; entry: () => Promise<T> },
): Promise<T[]> {
  const entries: T[] = [];
  for (;;) {
    entries.push(await list.entry());
    if (entries.length >= limits.entries) return entries;
    const more = await io.asker.askButton({
      id: `${list.id}_more`,
      text: io.t(list.addedKey, { count: entries.length }),
      reply_markup: choices(`${list.id}_more`, [
        { value: "add", label: io.t("registration.common.addAnother") },
        { value: "done", label: io.t("registration.common.done") },
      ]),
    });
    if (more === "done") return entries;
  }
}
