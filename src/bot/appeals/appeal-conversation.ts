// /appeal: what an appeal must state (name, IIN and postal address, or BIN
// for a legal entity, the body it is addressed to, its essence; the date is
// today), then the signature with a one-time password, then the receipt.
// Known values are offered from the person's record.
import type { Context } from "grammy";
import { Keyboard } from "grammy";
import { type AppealContent, addressees, appealSchema } from "../../domain/appeal.ts";
import { parseBin } from "../../domain/bin.ts";
import { almatyDate } from "../../domain/dates.ts";
import type { Language } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import { formatDate, formatDateTime } from "../format.ts";
import type { Translator } from "../i18n.ts";
import { Asker, type FormConversation, type Parsed } from "../registration/asker.ts";
import { choices } from "../registration/keyboards.ts";
import { awaitValidOtp, sendOtp } from "../registration/one-time-password.ts";
import { normalizePhone, parseIinAnswer, parseShortText } from "../registration/parsers.ts";
import { withdrawKeyboard } from "./keyboards.ts";

export const APPEAL_CONVERSATION = "appeal";

const parseBinAnswer = (text: string): Parsed<string> => {
  const parsed = parseBin(text);
  return parsed.ok ? { ok: true, value: parsed.bin } : { ok: false, error: `appeal.bin.invalid.${parsed.reason}` };
};

export function appealConversation(deps: { services: Services; translator: Translator; onFiled(appealId: string): Promise<void> }) {
  return async (conversation: FormConversation, ctx: Context, args: { language: Language }): Promise<void> => {
    const t = deps.translator.t(args.language);
    const asker = new Asker(conversation, ctx, t);
    const userId = ctx.from!.id;
    const chatId = ctx.chat!.id;
    const known = await conversation.external(() => deps.services.appeals.known(userId, chatId));

    await asker.say(t("appeal.intro"));
    const useKnown = (id: string, value: string | undefined) =>
      value ? choices(id, [{ value: "known", label: t("appeal.useKnown", { value }) }]) : undefined;

    const name = await asker.ask({ id: "ap_name", text: t("appeal.fullName"), reply_markup: useKnown("ap_name", known.fullName) }, { text: (x) => parseShortText(x), buttons: !!known.fullName });
    const fullName = name.kind === "value" ? name.value : known.fullName!;

    const kind = await asker.askButton({
      id: "ap_kind",
      text: t("appeal.kind"),
      reply_markup: choices("ap_kind", [
        { value: "natural", label: t("appeal.kindNatural") },
        { value: "legal", label: t("appeal.kindLegal") },
      ]),
    });
    let identity: AppealContent["identity"];
    if (kind === "legal") {
      const bin = await asker.askValue({ id: "ap_bin", text: t("appeal.bin.ask") }, { text: parseBinAnswer });
      const postalAddress = await asker.askValue({ id: "ap_address", text: t("appeal.address") }, { text: (x) => parseShortText(x, 300) });
      identity = { kind: "legal", bin, postalAddress };
    } else {
      const iinAnswer = await asker.ask({ id: "ap_iin", text: t("appeal.iin"), reply_markup: useKnown("ap_iin", known.iin) }, { text: parseIinAnswer, buttons: !!known.iin });
      const iin = iinAnswer.kind === "value" ? iinAnswer.value : known.iin!;
      const postalAddress = await asker.askValue({ id: "ap_address", text: t("appeal.address") }, { text: (x) => parseShortText(x, 300) });
      identity = { kind: "natural", iin, postalAddress };
    }

    const addressee = await asker.askButton({
      id: "ap_to",
      text: t("appeal.addressee"),
      reply_markup: choices("ap_to", addressees.map((value) => ({ value, label: t(`appeal.body.${value}`) }))),
    });
    const essence = await asker.askValue({ id: "ap_essence", text: t("appeal.essence") }, { text: (x) => parseShortText(x, 1000) });
    const now = await conversation.external(() => deps.services.clock.now().getTime());
    const content = appealSchema.parse({ fullName, identity, addressee, essence, date: almatyDate(new Date(now)) });

    const confirm = await asker.askButton({
      id: "ap_sign",
      text: [t("appeal.check"), "", summary(t, content)].join("\n"),
      reply_markup: choices("ap_sign", [
        { value: "sign", label: t("appeal.sign") },
        { value: "cancel", label: t("appeal.cancel") },
      ]),
    });
    if (confirm === "cancel") {
      await asker.say(t("appeal.cancelled"));
      return;
    }

    const phone = known.phone ?? (await askPhone(asker, t));
    const otp = { conversation, asker, t, services: deps.services, applicantId: known.applicantId, phone, purpose: "sign_appeal" as const };
    await sendOtp(otp);
    await awaitValidOtp(otp);

    const signedAt = await conversation.external(() => deps.services.clock.now().getTime());
    const appeal = await conversation.external(async () => {
      const filed = await deps.services.appeals.file(userId, chatId, content, new Date(signedAt));
      return { id: filed.id, number: filed.number, dueDate: filed.dueDate, receiver: filed.receiver };
    });
    await asker.say(
      t("appeal.receipt", {
        number: appeal.number,
        receivedAt: formatDateTime(new Date(signedAt)),
        receiverName: appeal.receiver.name || t("appeal.receiverDefault.name"),
        receiverPosition: appeal.receiver.position || t("appeal.receiverDefault.position"),
        dueDate: formatDate(appeal.dueDate),
      }),
      { reply_markup: withdrawKeyboard(t, appeal.id) },
    );
    await conversation.external(() => deps.onFiled(appeal.id));
  };
}

async function askPhone(asker: Asker, t: (key: string) => string): Promise<string> {
  return asker.askValue(
    { id: "ap_phone", text: t("registration.phone.ask"), reply_markup: new Keyboard().requestContact(t("registration.phone.button")).resized().oneTime() },
    {
      contact: (contact, fromId) => {
        if (contact.user_id !== fromId) return { ok: false, error: "registration.phone.notOwn" };
        const phone = normalizePhone(contact.phone_number);
        return phone ? { ok: true, value: phone } : { ok: false, error: "registration.phone.notKazakhstan" };
      },
    },
  );
}

function summary(t: (key: string, values?: Record<string, string>) => string, content: AppealContent): string {
  const who = content.identity.kind === "natural" ? `${t("registration.summary.iin")}: ${content.identity.iin}` : `${t("appeal.binLabel")}: ${content.identity.bin}`;
  return [
    `${t("registration.summary.fullName")}: ${content.fullName}`,
    who,
    `${t("appeal.addressLabel")}: ${content.identity.postalAddress}`,
    `${t("appeal.addresseeLabel")}: ${t(`appeal.body.${content.addressee}`)}`,
    `${t("appeal.essenceLabel")}: ${content.essence}`,
    `${t("appeal.dateLabel")}: ${formatDate(content.date)}`,
  ].join("\n");
}
