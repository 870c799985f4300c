// Telegram Mini Apps' initData, checked as Telegram prescribes
// (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
// the fields but `hash`, sorted and joined as key=value lines, signed with
// HMAC-SHA256 under the key HMAC-SHA256("WebAppData", bot token).
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Older than this, initData is refused: a copied link must not open someone's form for long. */
export const INIT_DATA_MAX_AGE_MS = 60 * 60 * 1000;

const userSchema = z.object({
  id: z.number().int().positive(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

/** The caller; `name` as the audit trail names an operator (as the staff chat does). */
export type InitDataUser = { id: number; name: string; languageCode: string | undefined };

export type InitDataCheck =
  | { ok: true; user: InitDataUser; authDate: Date }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "no_user" };

export function checkInitData(raw: string, botToken: string, now: Date): InitDataCheck {
  const params = new URLSearchParams(raw);
  const hash = params.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };
  params.delete("hash");
  const expected = signature(params.entries(), botToken);
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "bad_signature" };

  const authSeconds = Number(params.get("auth_date"));
  if (!Number.isInteger(authSeconds) || authSeconds <= 0) return { ok: false, reason: "malformed" };
  const authDate = new Date(authSeconds * 1000);
  if (now.getTime() - authDate.getTime() > INIT_DATA_MAX_AGE_MS) return { ok: false, reason: "expired" };

  const user = userSchema.safeParse(parseJson(params.get("user")));
  if (!user.success) return { ok: false, reason: "no_user" };
  const { id, first_name, last_name, username, language_code } = user.data;
  const name = [first_name, last_name].filter(Boolean).join(" ") || (username ? `@${username}` : String(id));
  return { ok: true, user: { id, name, languageCode: language_code }, authDate };
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** initData as Telegram would hand it to the Mini App: for the demo and tests, never for serving. */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const hash = signature(Object.entries(fields), botToken).toString("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}

function signature(fields: Iterable<[string, string]>, botToken: string): Buffer {
  const dataCheckString = [...fields]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest();
  return createHmac("sha256", secret).update(dataCheckString).digest();
}
