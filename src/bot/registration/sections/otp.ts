// Signing with a one-time password sent by SMS to the shared phone, then the
// submission and its receipt.
import { IinTakenError } from "../../../services/registration.ts";
import { talkToPersonKeyboard } from "../../features/operator.ts";
import { formatDate, formatDateTime } from "../../format.ts";
import { awaitValidOtp, type OtpIO, otpQuestion, sendOtp } from "../one-time-password.ts";
import type { Section, SectionIO } from "../section.ts";

const otpIO = (io: SectionIO): OtpIO => ({ ...io, phone: io.form.phone ?? "", purpose: "sign_application" });

export const otpSection: Section = {
  id: "otp",
  entry: "otp",
  firstQuestion: (io) => otpQuestion(otpIO(io)),
  async arrive(io) {
    await sendOtp(otpIO(io));
  },
  async run(io) {
    await awaitValidOtp(otpIO(io));
    return submit(io);
  },
};

async function submit(io: SectionIO) {
  const now = await io.conversation.external(() => io.services.clock.now().getTime());
  const receipt = await io.conversation.external(async () => {
    try {
      const submitted = await io.services.registration.submit(io.draftId, new Date(now));
      return { number: submitted.number, receivedAt: submitted.receivedAt.getTime(), dueDate: submitted.dueDate };
    } catch (error) {
      if (!(error instanceof IinTakenError)) throw error;
      await io.services.registration.discardDraft(io.draftId);
      return undefined;
    }
  });
  if (!receipt) {
    // Someone else's application with this IIN was submitted a moment earlier.
    await io.asker.say(io.t("registration.iin.taken"), { reply_markup: talkToPersonKeyboard(io.t) });
    return { kind: "end" as const };
  }
  await io.asker.say(
    io.t("registration.receipt", {
      number: receipt.number,
      receivedAt: formatDateTime(new Date(receipt.receivedAt)),
      dueDate: formatDate(receipt.dueDate),
    }),
    { reply_markup: { remove_keyboard: true } },
  );
  // After the receipt went out: a staff chat outage must not hold it up (the
  // card is posted later by the scheduler).
  await io.asker.afterDelivery(() => io.onSubmitted(io.draftId));
  return { kind: "end" as const };
}
