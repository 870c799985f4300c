import { InlineKeyboard } from "grammy";
import type { Translate } from "../i18n.ts";
import { appealData, COMPLAINT_DATA } from "./callback-data.ts";

export function withdrawKeyboard(t: Translate, appealId: string): InlineKeyboard {
  return new InlineKeyboard().text(t("appeal.withdraw.button"), appealData.encode("withdraw", appealId));
}

export function confirmWithdrawKeyboard(t: Translate, appealId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("appeal.withdraw.yes"), appealData.encode("confirm", appealId))
    .text(t("appeal.withdraw.no"), appealData.encode("keep", appealId));
}

export function fixKeyboard(t: Translate, appealId: string): InlineKeyboard {
  return new InlineKeyboard().text(t("appeal.fix.button"), appealData.encode("fix", appealId));
}

/** Under a refusal or a closing complaint window: files the complaint the text explains. */
export function complaintKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("complaint.button"), COMPLAINT_DATA);
}
