// IIN: checked (date, century, check digit), then the one-active-application
// rule: the same account is shown its application, another account learns
// nothing and is pointed to a person.
import type { Application, ApplicationStatus } from "../../../domain/application.ts";
import { applicationStatusText } from "../../../domain/application-status.ts";
import { formatDate, formatPhone } from "../../../domain/format.ts";
import { checkApplicantAge, parseIin, type Sex, sexOfIin } from "../../../domain/iin.ts";
import { talkToPersonKeyboard } from "../../features/operator.ts";
import type { Question } from "../asker.ts";
import { awaitValidOtp, type OtpIO, sendOtp } from "../one-time-password.ts";
import { parseApplicantIin } from "../parsers.ts";
import { confirmPair } from "../registry-check.ts";
import type { Section, SectionIO, SectionOutcome } from "../section.ts";

const question = (io: SectionIO): Question => ({
  id: "iin",
  text: io.t("registration.iin.ask"),
  reply_markup: { remove_keyboard: true },
});

type ActiveCheck =
  | { kind: "free" }
  | { kind: "taken" }
  | { kind: "own"; number: string; status: ApplicationStatus; applicantSex?: Sex; dueDate: string };

export const iinSection: Section = {
  entry: ["iin"],
  firstQuestion: question,
  async run(io) {
    const iin = await io.asker.askValue(question(io), { text: (text) => parseApplicantIin(text, io.todayDate) });
    // The pair first: without a registered pair, nothing is said of the IIN.
    const phone = io.form.phone ? await confirmPair(io, iin, io.form.phone) : undefined;
    const userId = io.asker.current.from!.id;

    const check = await io.conversation.external(async (): Promise<ActiveCheck> => {
      const result = await io.services.registration.checkIin(userId, iin);
      return result.kind === "own" ? describeOwn(result.application) : result;
    });
    if (check.kind === "free") {
      const parsed = parseIin(iin);
      if (!parsed.ok) throw new Error("an accepted IIN no longer parses");
      await io.asker.say(io.t("registration.iin.accepted", { birthDate: formatDate(parsed.birthDate) }));
      const age = checkApplicantAge(parsed.birthDate, io.todayDate);
      if (age.ok && age.needsParentConsent) await io.asker.say(io.t("registration.iin.parentConsent"));
      return { kind: "done", patch: { iin, ...(phone ? { phone } : {}) } };
    }
    // Only the IIN's owner gets here with a registered pair: they may move the application to this account.
    if (check.kind === "taken" && phone) return takeOver(io, iin, phone);
    await io.conversation.external(() => io.services.registration.discardDraft(io.draftId));
    if (check.kind === "own") {
      await io.asker.say(
        io.t("registration.iin.ownActive", {
          number: check.number,
          status: applicationStatusText(io.t, check.status, check.applicantSex),
          dueDate: formatDate(check.dueDate),
        }),
      );
    } else {
      await io.asker.say(io.t("registration.iin.taken"), { reply_markup: talkToPersonKeyboard(io.t) });
    }
    return { kind: "end" };
  },
};

function describeOwn(application: Application): ActiveCheck {
  return {
    kind: "own",
    number: application.number ?? "",
    status: application.status,
    applicantSex: sexOfIin(application.form.iin),
    dueDate: application.dueDate ?? "",
  };
}

/** The owner signs with a code sent to their registered phone; the application moves to this account. */
async function takeOver(io: SectionIO, iin: string, phone: string): Promise<SectionOutcome> {
  await io.asker.say(io.t("registration.takeover.explain", { phone: formatPhone(phone) }));
  const otp: OtpIO = {
    conversation: io.conversation,
    asker: io.asker,
    t: io.t,
    services: io.services,
    applicantId: io.applicantId,
    phone,
    purpose: "take_over",
    signingKey: `take_over:${io.draftId}`,
  };
  await sendOtp(otp);
  await awaitValidOtp(otp);
  const userId = io.asker.current.from!.id;
  const chatId = io.asker.current.chat!.id;
  const at = await io.conversation.external(() => io.services.clock.now().getTime());
  const moved = await io.conversation.external(async () => {
    const application = await io.services.registration.takeOver(userId, chatId, iin, new Date(at));
    return application && describeOwn(application);
  });
  await io.conversation.external(() => io.services.registration.discardDraft(io.draftId));
  if (moved?.kind !== "own") {
    await io.asker.say(io.t("registration.takeover.gone"));
    return { kind: "end" };
  }
  await io.asker.say(
    io.t("registration.takeover.done", {
      number: moved.number,
      status: applicationStatusText(io.t, moved.status, moved.applicantSex),
      dueDate: formatDate(moved.dueDate),
    }),
  );
  return { kind: "end" };
}
