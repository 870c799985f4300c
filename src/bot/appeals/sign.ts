// Signing an appeal or a complaint: the phone the person signed with before
// (or shares now), a one-time password sent to it, and the code typed back.
import { Keyboard } from "grammy";
import type { Services } from "../../services/index.ts";
import type { Translate } from "../i18n.ts";
import type { Asker, FormConversation } from "../registration/asker.ts";
import { awaitValidOtp, type OtpIO, sendOtp } from "../registration/one-time-password.ts";
import { normalizePhone } from "../registration/parsers.ts";

export type Signer = {
  conversation: FormConversation;
  asker: Asker;
  t: Translate;
  services: Services;
  known: { applicantId: string; phone?: string };
};

/** Returns the phone the document was signed with. */
export async function signWithOtp(
  signer: Signer,
  purpose: "sign_appeal" | "sign_complaint",
  signingKey: string,
): Promise<string> {
  const { conversation, asker, t, services, known } = signer;
  const phone = known.phone ?? (await askPhone(asker, t));
  const otp: OtpIO = { conversation, asker, t, services, applicantId: known.applicantId, phone, purpose, signingKey };
  await sendOtp(otp);
  await awaitValidOtp(otp);
  return phone;
}

async function askPhone(asker: Asker, t: Translate): Promise<string> {
  return asker.askValue(
    {
      id: "ap_phone",
      text: t("registration.phone.ask"),
      reply_markup: new Keyboard().requestContact(t("registration.phone.button")).resized().oneTime(),
    },
    {
      contact: (contact, fromId) => {
        if (contact.user_id !== fromId) return { ok: false, error: "registration.phone.notOwn" };
        const phone = normalizePhone(contact.phone_number);
        return phone ? { ok: true, value: phone } : { ok: false, error: "registration.phone.notKazakhstan" };
      },
    },
  );
}
