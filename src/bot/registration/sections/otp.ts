// Signing with a one-time password sent by SMS to the shared phone, then the
// submission and its receipt.

import { formatDate, formatDateTime } from "../../../domain/format.ts";
import { talkToPersonKeyboard } from "../../features/operator.ts";
import type { Outgoing } from "../../turn/outgoing.ts";
import { markupOf } from "../asker.ts";
import { awaitValidOtp, type OtpIO, otpQuestion, sendOtp } from "../one-time-password.ts";
import type { Section, SectionIO } from "../section.ts";

const otpIO = (io: SectionIO): OtpIO => ({
  ...io,
  phone: io.form.phone ?? "",
  purpose: "sign_application",
  signingKey: `application:${io.draftId}`,
});

export const otpSection: Section = {
  entry: ["otp"],
  firstQuestion: (io) => otpQuestion(otpIO(io)),
  async arrive(io) {
    await sendOtp(otpIO(io));
  },
  async run(io) {
    await awaitValidOtp(otpIO(io));
    return submit(io);
  },
};

/**
 * The submission is stored together with this update's turn: if storing
 * fails, nothing is submitted and the person sends the code again (it is
 * still accepted for this draft).
 */
async function submit(io: SectionIO) {
  const now = await io.conversation.external(() => io.services.clock.now().getTime());
  await io.asker.submitWithTurn(io.draftId, now, (outcome): Outgoing[] => {
    if (outcome.kind === "iin_taken") {
      // Someone else's application with this IIN was submitted a moment earlier.
      return [{ kind: "send", text: io.t("registration.iin.taken"), ...markupOf(talkToPersonKeyboard(io.t)) }];
    }
    const { receipt } = outcome;
    const text = io.t("registration.receipt", {
      number: receipt.number,
      receivedAt: formatDateTime(receipt.receivedAt),
      dueDate: formatDate(receipt.dueDate),
    });
    return [{ kind: "send", text, markup: { remove_keyboard: true } }];
  });
  // After the receipt went out: a staff chat outage must not hold it up (the
  // card is posted later by the scheduler).
  await io.asker.afterDelivery(() => io.onSubmitted(io.draftId));
  return { kind: "end" as const };
}
