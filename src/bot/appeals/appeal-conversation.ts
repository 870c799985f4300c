// /appeal: what an appeal must state (name, IIN and postal address, or BIN
// for a legal entity, the body it is addressed to, its essence; the date is
// today), then the signature with a one-time password, then the receipt.
// Known values are offered from the person's record. The same questions put
// right an appeal an operator found lacking.
import { randomUUID } from "node:crypto";
import type { Context } from "grammy";
import {
  type Appeal,
  type AppealContent,
  type AppealRequirement,
  addressees,
  appealSchema,
  essenceLength,
} from "../../domain/appeal.ts";
import { parseBin } from "../../domain/bin.ts";
import { almatyDate } from "../../domain/dates.ts";
import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { Language } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import type { Translate, Translator } from "../i18n.ts";
import { Asker, type FormConversation, markupOf, type Parsed } from "../registration/asker.ts";
import { choices } from "../registration/keyboards.ts";
import { parseIinAnswer, parseShortText } from "../registration/parsers.ts";
import type { Outgoing } from "../turn/outgoing.ts";
import { withdrawKeyboard } from "./keyboards.ts";
import { signWithOtp } from "./sign.ts";

export const APPEAL_CONVERSATION = "appeal";
export const APPEAL_FIX_CONVERSATION = "appeal_fix";

type Known = { applicantId: string; fullName?: string; iin?: string; phone?: string };
type Deps = { services: Services; translator: Translator };
type Io = { conversation: FormConversation; asker: Asker; t: Translate; known: Known };

const parseBinAnswer = (text: string): Parsed<string> => {
  const parsed = parseBin(text);
  return parsed.ok ? { ok: true, value: parsed.bin } : { ok: false, error: `appeal.bin.invalid.${parsed.reason}` };
};

const useKnown = (t: Translate, id: string, value: string | undefined) =>
  value ? choices(id, [{ value: "known", label: t("appeal.useKnown", { value }) }]) : undefined;

async function askFullName({ asker, t, known }: Io): Promise<string> {
  const answer = await asker.ask(
    { id: "ap_name", text: t("appeal.fullName"), reply_markup: useKnown(t, "ap_name", known.fullName) },
    { text: (x) => parseShortText(x, 200, 3), buttons: !!known.fullName },
  );
  return answer.kind === "value" ? answer.value : known.fullName!;
}

async function askIdentity(
  io: Io,
  kind?: "natural" | "legal",
): Promise<{ kind: "natural"; iin: string } | { kind: "legal"; bin: string }> {
  const { asker, t, known } = io;
  const chosen =
    kind ??
    ((await asker.askButton({
      id: "ap_kind",
      text: t("appeal.kind"),
      reply_markup: choices("ap_kind", [
        { value: "natural", label: t("appeal.kindNatural") },
        { value: "legal", label: t("appeal.kindLegal") },
      ]),
    })) === "legal"
      ? "legal"
      : "natural");
  if (chosen === "legal")
    return {
      kind: "legal",
      bin: await asker.askValue({ id: "ap_bin", text: t("appeal.bin.ask") }, { text: parseBinAnswer }),
    };
  const answer = await asker.ask(
    { id: "ap_iin", text: t("appeal.iin"), reply_markup: useKnown(t, "ap_iin", known.iin) },
    { text: parseIinAnswer, buttons: !!known.iin },
  );
  return { kind: "natural", iin: answer.kind === "value" ? answer.value : known.iin! };
}

const askAddress = ({ asker, t }: Io) =>
  asker.askValue({ id: "ap_address", text: t("appeal.address") }, { text: (x) => parseShortText(x, 300, 5) });

async function askAddressee({ asker, t }: Io) {
  const value = await asker.askButton({
    id: "ap_to",
    text: t("appeal.addressee"),
    reply_markup: choices(
      "ap_to",
      addressees.map((body) => ({ value: body, label: t(`appeal.body.${body}`) })),
    ),
  });
  return addressees.find((body) => body === value)!;
}

const askEssence = ({ asker, t }: Io) =>
  asker.askValue(
    { id: "ap_essence", text: t("appeal.essence", essenceLength) },
    { text: (x) => parseShortText(x, essenceLength.max, essenceLength.min) },
  );

/** Shows the appeal and signs it; the phone signed with, or undefined when the person chose not to file. */
async function confirmAndSign(
  io: Io,
  deps: Deps,
  content: AppealContent,
  signingKey: string,
): Promise<string | undefined> {
  const { conversation, asker, t, known } = io;
  const confirm = await asker.askButton({
    id: "ap_sign",
    text: [t("appeal.check"), "", summary(t, content)].join("\n"),
    reply_markup: choices("ap_sign", [
      { value: "sign", label: t("appeal.sign") },
      { value: "cancel", label: t("appeal.cancel") },
    ]),
  });
  if (confirm === "cancel") return undefined;
  // A legal entity's appeal is signed by its representative, whose IIN is asked.
  const signerIin = content.identity.kind === "natural" ? content.identity.iin : undefined;
  const signed = await signWithOtp(
    { conversation, asker, t, services: deps.services, known },
    "sign_appeal",
    signingKey,
    signerIin,
  );
  return signed.phone;
}

async function start(conversation: FormConversation, ctx: Context, language: Language, deps: Deps): Promise<Io> {
  const t = deps.translator.t(language);
  const userId = ctx.from!.id;
  const chatId = ctx.chat!.id;
  const known = await conversation.external(() => deps.services.appeals.known(userId, chatId));
  return { conversation, asker: new Asker(conversation, ctx, t), t, known };
}

export function appealConversation(deps: Deps & { onFiled(appealId: string): Promise<void> }) {
  return async (conversation: FormConversation, ctx: Context, args: { language: Language }): Promise<void> => {
    const io = await start(conversation, ctx, args.language, deps);
    const { asker, t } = io;
    const userId = ctx.from!.id;
    const chatId = ctx.chat!.id;
    // Names this conversation's filing: handled twice, it files once.
    const filingKey = await conversation.external(() => randomUUID());
    await asker.say(t("appeal.intro"));
    const fullName = await askFullName(io);
    const identity = await askIdentity(io);
    const postalAddress = await askAddress(io);
    const addressee = await askAddressee(io);
    const essence = await askEssence(io);
    const now = await conversation.external(() => deps.services.clock.now().getTime());
    const content = appealSchema.parse({
      fullName,
      identity: { ...identity, postalAddress },
      addressee,
      essence,
      date: almatyDate(new Date(now)),
    });
    const phone = await confirmAndSign(io, deps, content, `appeal:${filingKey}`);
    if (!phone) return void (await asker.say(t("appeal.cancelled")));

    const signedAt = await conversation.external(() => deps.services.clock.now().getTime());
    // Filed in the transaction that stores the receipt: one never goes without the other.
    await asker.fileWithTurn(
      {
        kind: "appeal",
        telegramUserId: userId,
        chatId,
        content,
        receivedAt: new Date(signedAt),
        signedWithPhone: phone,
        filingKey,
      },
      (outcome) => (outcome.kind === "appeal" ? [appealReceipt(t, outcome.appeal)] : []),
      (outcome, afterDelivery) => {
        if (outcome.kind === "appeal") afterDelivery(() => deps.onFiled(outcome.appeal.id));
      },
    );
  };
}

function appealReceipt(t: Translate, appeal: Appeal): Outgoing {
  return {
    kind: "send",
    text: t("appeal.receipt", {
      number: appeal.number,
      receivedAt: formatDateTime(appeal.receivedAt),
      receiverName: appeal.receiver.name || t("appeal.receiverDefault.name"),
      receiverPosition: appeal.receiver.position || t("appeal.receiverDefault.position"),
      dueDate: formatDate(appeal.dueDate),
    }),
    ...markupOf(withdrawKeyboard(t, appeal.id)),
  };
}

/** Asks again only what the operator marked as missing, then signs again. */
export function appealFixConversation(deps: Deps & { onFixed(appealId: string): Promise<void> }) {
  return async (
    conversation: FormConversation,
    ctx: Context,
    args: { language: Language; appealId: string },
  ): Promise<void> => {
    const io = await start(conversation, ctx, args.language, deps);
    const { asker, t } = io;
    const userId = ctx.from!.id;
    // Names this conversation's signature: handled twice, its code still counts.
    const fixKey = await conversation.external(() => randomUUID());
    const appeal = await conversation.external(async () => {
      const found = await deps.services.appeals.findById(args.appealId);
      // Only the person's own appeal: another's must not even be shown.
      if (!found || found.applicantId !== io.known.applicantId) return undefined;
      return { number: found.number, status: found.status, missing: found.missing, content: found.content };
    });
    if (appeal?.status !== "non_compliant") return void (await asker.say(t("appeal.fix.nothing")));

    await asker.say(t("appeal.fix.intro", { number: appeal.number }));
    const content: AppealContent = structuredClone(appeal.content);
    const needs = (requirement: AppealRequirement) => appeal.missing.includes(requirement);
    if (needs("full_name")) content.fullName = await askFullName(io);
    if (needs("iin_or_bin")) {
      const identity = await askIdentity(io, content.identity.kind);
      content.identity = { ...identity, postalAddress: content.identity.postalAddress };
    }
    if (needs("postal_address")) content.identity.postalAddress = await askAddress(io);
    if (needs("addressee")) content.addressee = await askAddressee(io);
    if (needs("essence")) content.essence = await askEssence(io);
    const now = await conversation.external(() => deps.services.clock.now().getTime());
    content.date = almatyDate(new Date(now));
    if (!(await confirmAndSign(io, deps, appealSchema.parse(content), `appeal_fix:${fixKey}`)))
      return void (await asker.say(t("appeal.fix.cancelled")));

    const result = await conversation.external(
      async () => (await deps.services.appeals.putRight(args.appealId, userId, content, new Date(now))).kind,
    );
    if (result !== "changed") return void (await asker.say(t("appeal.fix.nothing")));
    await asker.say(t("appeal.fix.done", { number: appeal.number }));
    await asker.afterDelivery(() => deps.onFixed(args.appealId));
  };
}

function summary(t: Translate, content: AppealContent): string {
  const who =
    content.identity.kind === "natural"
      ? `${t("registration.summary.iin")}: ${content.identity.iin}`
      : `${t("appeal.binLabel")}: ${content.identity.bin}`;
  return [
    `${t("registration.summary.fullName")}: ${content.fullName}`,
    who,
    `${t("appeal.addressLabel")}: ${content.identity.postalAddress}`,
    `${t("appeal.addresseeLabel")}: ${t(`appeal.body.${content.addressee}`)}`,
    `${t("appeal.essenceLabel")}: ${content.essence}`,
    `${t("appeal.dateLabel")}: ${formatDate(content.date)}`,
  ].join("\n");
}
