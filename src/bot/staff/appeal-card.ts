// The card of an appeal in the staff chat, in the staff chat's language.
import { InlineKeyboard } from "grammy";
import type { Appeal } from "../../domain/appeal.ts";
import { addressees, isAppealOpen } from "../../domain/appeal.ts";
import type { Language } from "../../domain/language.ts";
import { staffAppealData } from "../callback-data/staff-appeal.ts";
import { formatDate, formatDateTime } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { fitOneMessage } from "../long-text.ts";
import { applicantLanguageLine, type CardText } from "./cards.ts";

/** One message, edited in place (see CardText): an essence too long for it is in full just above. */
export function appealCardText(t: Translate, appeal: Appeal, language: Language): CardText {
  const { content } = appeal;
  const who =
    content.identity.kind === "natural"
      ? `${t("registration.summary.iin")}: ${content.identity.iin}`
      : `${t("appeal.binLabel")}: ${content.identity.bin}`;
  const title = t("staff.appeal.title", { number: appeal.number });
  const body = [
    `${t("registration.summary.fullName")}: ${content.fullName}`,
    who,
    `${t("appeal.addressLabel")}: ${content.identity.postalAddress}`,
    `${t("appeal.addresseeLabel")}: ${t(`appeal.body.${content.addressee}`)}`,
    `${t("appeal.essenceLabel")}: ${content.essence}`,
  ].join("\n");
  const fitted = fitOneMessage({
    head: [
      title,
      t("staff.card.received", { at: formatDateTime(appeal.receivedAt) }),
      t("staff.appeal.due", { date: formatDate(appeal.extendedTo ?? appeal.dueDate) }),
      applicantLanguageLine(t, language),
    ].join("\n"),
    body,
    tail: t("staff.appeal.state", {
      status: t(`appealStatus.${appeal.status}`),
      by: appeal.decidedByName ?? "—",
      note: appeal.decisionNote ?? "—",
    }),
    note: t("staff.appeal.shortened"),
  });
  return { text: fitted.text, inFull: fitted.shortened ? [title, body].join("\n\n") : undefined };
}

export function appealCardKeyboard(t: Translate, appeal: Appeal): InlineKeyboard | undefined {
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
