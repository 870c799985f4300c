// Signing an appeal or a complaint: the signer's IIN and phone checked as a
// pair in the citizens' mobile database (the phone the person signed with
// before, or one shared now), a one-time password sent to that phone, and
// the code typed back.
import { Keyboard } from "grammy";
import type { Services } from "../../services/index.ts";
import type { Translate } from "../i18n.ts";
import type { Asker, FormConversation } from "../registration/asker.ts";
import { awaitValidOtp, type OtpIO, sendOtp } from "../registration/one-time-password.ts";
import { parseIinAnswer, parseOwnContact } from "../registration/parsers.ts";
import { confirmPair } from "../registration/registry-check.ts";

export type Signer = {
  conversation: FormConversation;
  asker: Asker;
  t: Translate;
  services: Services;
  known: { applicantId: string; phone?: string };
};

/**
 * Returns the IIN and phone the document was signed with. `signerIin`
 * unknown (a legal entity's representative, a complaint from someone who
 * never applied here): it is asked.
 */
export async function signWithOtp(
  signer: Signer,
  purpose: "sign_appeal" | "sign_complaint",
  signingKey: string,
  signerIin: string | undefined,
): Promise<{ iin: string; phone: string }> {
  const { conversation, asker, t, services, known } = signer;
  const iin =
    signerIin ?? (await asker.askValue({ id: "sign_iin", text: t("appeal.signerIin") }, { text: parseIinAnswer }));
  const phone = await confirmPair(signer, iin, known.phone ?? (await askPhone(asker, t, purpose)));
  const otp: OtpIO = { conversation, asker, t, services, applicantId: known.applicantId, phone, purpose, signingKey };
  await sendOtp(otp);
  await awaitValidOtp(otp);
  return { iin, phone };
}

async function askPhone(asker: Asker, t: Translate, purpose: "sign_appeal" | "sign_complaint"): Promise<string> {
  return asker.askValue(
    {
      id: "ap_phone",
      // Not the form's "Step 1 of 9 … to sign the application": this phone signs the appeal or the complaint.
      text: t(purpose === "sign_appeal" ? "appeal.phone" : "complaint.phone"),
      reply_markup: new Keyboard().requestContact(t("registration.phone.button")).resized().oneTime(),
    },
    { contact: parseOwnContact },
  );
}
