// The card of an appeal in the staff chat, in the staff chat's language.
import { InlineKeyboard } from "grammy";
import type { Appeal } from "../../domain/appeal.ts";
import { addressees, isAppealOpen } from "../../domain/appeal.ts";
import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { Language } from "../../domain/language.ts";
import { initialsOfFullName, maskIdNumber } from "../../domain/masking.ts";
import { staffAppealData } from "../callback-data/staff-appeal.ts";
import type { Translate } from "../i18n.ts";
import { applicantLanguageLine, personLine } from "./cards.ts";
import { type DeskLinks, withOpenButton } from "./desk-links.ts";

/** One message, edited in place: who (initials, the last digits of the IIN or BIN), the terms and the state; the text is in the desk. */
export function appealCardText(t: Translate, appeal: Appeal, language: Language): string {
  const { content } = appeal;
  const initials = initialsOfFullName(content.fullName);
  const who =
    content.identity.kind === "natural"
      ? personLine(t, initials, content.identity.iin)
      : t("staff.card.personWithBin", { initials: initials || "—", bin: maskIdNumber(content.identity.bin) });
  return [
    t("staff.appeal.title", { number: appeal.number }),
    who,
    `${t("appeal.addresseeLabel")}: ${t(`appeal.body.${content.addressee}`)}`,
    t("staff.card.received", { at: formatDateTime(appeal.receivedAt) }),
    t("staff.appeal.due", { date: formatDate(appeal.extendedTo ?? appeal.dueDate) }),
    applicantLanguageLine(t, language),
    "",
    t("staff.appeal.state", {
      status: t(`appealStatus.${appeal.status}`),
      by: appeal.decidedByName ?? "—",
      note: appeal.decisionNote ?? "—",
    }),
  ].join("\n");
}

export function appealCardKeyboard(
  t: Translate,
  appeal: Appeal,
  links: DeskLinks | undefined,
): InlineKeyboard | undefined {
  return withOpenButton(t, quickActions(t, appeal), links, { kind: "appeal", id: appeal.id });
}

function quickActions(t: Translate, appeal: Appeal): InlineKeyboard | undefined {
  if (!isAppealOpen(appeal.status)) return undefined;
  return new InlineKeyboard()
    .text(t("staff.appeal.satisfy"), staffAppealData.encode("satisfy", appeal.id))
    .text(t("staff.appeal.refuse"), staffAppealData.encode("refuse", appeal.id))
    .row()
    .text(t("staff.appeal.refer"), staffAppealData.encode("refer", appeal.id))
    .text(t("staff.appeal.extend"), staffAppealData.encode("extend", appeal.id))
    .row()
    .text(t("staff.appeal.lacking"), staffAppealData.encode("lacking", appeal.id));
}

export function referKeyboard(t: Translate, appeal: Appeal): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const body of addressees.filter((b) => b !== appeal.content.addressee)) {
    keyboard.text(t(`appeal.body.${body}`), staffAppealData.encode("referTo", appeal.id, body)).row();
  }
  return keyboard;
}
