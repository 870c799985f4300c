// /mydata: all that is stored about the person, in their language, and their
// rights over it: withdraw an undecided application, withdraw the consent to
// publication on enbek.kz, delete a draft. Each is confirmed with a button
// and answered with what changed; the staff chat hears of withdrawals.
import { Composer, InlineKeyboard } from "grammy";
import { applicationStatusText } from "../../domain/application-status.ts";
import { formatDateTime, formatPhone } from "../../domain/format.ts";
import { sexOfIin } from "../../domain/iin.ts";
import type { Services } from "../../services/index.ts";
import type { PersonalData } from "../../services/personal-data.ts";
import { type DataRight, myDataData } from "../callback-data/my-data.ts";
import type { BotContext } from "../context.ts";
import type { Translate } from "../i18n.ts";
import { actorOf } from "../staff/actor.ts";
import type { StaffDesk } from "../staff/staff-desk.ts";
import { leaveForm } from "../turn/leave-form.ts";

export function myDataFeature(services: Services, desk: StaffDesk | undefined): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType("private");

  const show = async (ctx: BotContext) => {
    const data = await services.personalData.of(ctx.from!.id);
    if (!data) return void (await ctx.reply(ctx.t("mydata.nothing")));
    const keyboard = rightsKeyboard(ctx.t, data);
    await ctx.reply(describe(ctx.t, data), keyboard ? { reply_markup: keyboard } : {});
  };

  const exercise = async (ctx: BotContext, right: DataRight) => {
    const now = services.clock.now();
    const person = actorOf(ctx.from!);
    if (right === "application") {
      const result = await services.personalData.withdrawApplication(person, now);
      if (result.kind !== "withdrawn") return ctx.reply(ctx.t("mydata.none.application"));
      await ctx.reply(ctx.t("mydata.done.application", { number: result.application.number ?? "" }));
      await desk?.applicationWithdrawn(result.application);
      return;
    }
    if (right === "consent") {
      const result = await services.personalData.withdrawConsent(person, now);
      if (result.kind !== "withdrawn") return ctx.reply(ctx.t("mydata.none.consent"));
      await ctx.reply(ctx.t("mydata.done.consent", { at: formatDateTime(now) }));
      for (const application of result.applications) await desk?.consentWithdrawn(application);
      return;
    }
    // The form being filled is left first, so no conversation writes to a deleted draft.
    await leaveForm(ctx);
    const deleted = await services.personalData.deleteDraft(ctx.from!.id);
    await ctx.reply(ctx.t(deleted ? "mydata.done.draft" : "mydata.none.draft"));
  };

  privateChat.command("mydata", show);

  privateChat.callbackQuery(myDataData.filter, async (ctx) => {
    const action = myDataData.decode(ctx.callbackQuery.data);
    if (!action) return ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
    await ctx.answerCallbackQuery();
    // The question answered: its buttons go, so nothing is pressed twice.
    if (action.step !== "show") await ctx.editMessageReplyMarkup().catch(() => {});
    if (action.step === "show") return show(ctx);
    if (action.step === "keep") return void (await ctx.reply(ctx.t("mydata.kept")));
    if (action.step === "ask") {
      const keyboard = new InlineKeyboard()
        .text(ctx.t(`mydata.yes.${action.right}`), myDataData.encode({ step: "do", right: action.right }))
        .text(ctx.t("mydata.keep"), myDataData.encode({ step: "keep" }));
      return void (await ctx.reply(ctx.t(`mydata.confirm.${action.right}`), { reply_markup: keyboard }));
    }
    await exercise(ctx, action.right);
  });

  return composer;
}

/** The "My data" button of /help. */
export function myDataButton(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("mydata.button"), myDataData.encode({ step: "show" }));
}

function describe(t: Translate, data: PersonalData): string {
  const form = data.applications[0]?.form ?? data.draft?.form;
  const name = form?.fullName
    ? [form.fullName.surname, form.fullName.givenName, form.fullName.patronymic].filter(Boolean).join(" ")
    : undefined;
  const sections = [
    t("mydata.title"),
    [
      data.phone ? `${t("registration.summary.phone")}: ${formatPhone(data.phone)}` : undefined,
      form?.iin ? `${t("registration.summary.iin")}: ${form.iin}` : undefined,
      name ? `${t("registration.summary.fullName")}: ${name}` : undefined,
      data.language ? t("mydata.language", { language: t(`language.button.${data.language}`) }) : undefined,
    ]
      .filter(Boolean)
      .join("\n"),
    data.draft ? t("mydata.draft", { started: formatDateTime(data.draft.createdAt) }) : undefined,
    ...data.applications.map((application) =>
      t("mydata.application", {
        number: application.number ?? "",
        status: applicationStatusText(t, application.status, sexOfIin(application.form.iin)),
        receivedAt: formatDateTime(application.submittedAt ?? application.createdAt),
      }),
    ),
    ...data.appeals.map((appeal) =>
      t("mydata.appeal", {
        number: appeal.number,
        status: t(`appealStatus.${appeal.status}`),
        received: formatDateTime(appeal.receivedAt),
      }),
    ),
    ...data.complaints.map((complaint) =>
      t("mydata.complaint", {
        number: complaint.number,
        status: t(`complaintStatus.${complaint.status}`),
        received: formatDateTime(complaint.receivedAt),
      }),
    ),
    ...data.consents.map((consent) =>
      consent.withdrawnAt
        ? t("mydata.consentWithdrawn", {
            version: consent.textVersion,
            given: formatDateTime(consent.givenAt),
            withdrawn: formatDateTime(consent.withdrawnAt),
            number: consent.applicationNumber ?? "—",
          })
        : t("mydata.consent", {
            version: consent.textVersion,
            given: formatDateTime(consent.givenAt),
            number: consent.applicationNumber ?? "—",
          }),
    ),
    t("mydata.rights"),
  ];
  return sections.filter((section) => section !== undefined && section !== "").join("\n\n");
}

function rightsKeyboard(t: Translate, data: PersonalData): InlineKeyboard | undefined {
  const rights: DataRight[] = [
    ...(data.applications.some((application) => application.status === "submitted") ? ["application" as const] : []),
    ...(data.consents.some((consent) => consent.withdrawnAt === null) ? ["consent" as const] : []),
    ...(data.draft ? ["draft" as const] : []),
  ];
  if (rights.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const right of rights) keyboard.text(t(`mydata.ask.${right}`), myDataData.encode({ step: "ask", right })).row();
  return keyboard;
}
