// Telegram's initData as the Mini App API checks it: the signature under the
// bot token, its age, and the user it names.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkInitData, signInitData } from "../../src/server/mini-app/init-data.ts";

const token = "7000000010:AAH-mini_app_test";
const signedAt = new Date("2026-11-27T05:00:00Z");
const user = { id: 5501, first_name: "Айгерім", last_name: "Сейітқали", language_code: "kk" };
const fields = {
  query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
  user: JSON.stringify(user),
  auth_date: String(signedAt.getTime() / 1000),
};
const minutes = (n: number) => new Date(signedAt.getTime() + n * 60_000);

describe("initData", () => {
  it("names the user Telegram signed it for", () => {
    const check = checkInitData(signInitData(fields, token), token, minutes(5));
    expect(check).toEqual({
      ok: true,
      user: { id: 5501, name: "Айгерім Сейітқали", languageCode: "kk" },
      authDate: signedAt,
    });
  });

  it("agrees with Telegram's recipe written out by hand", () => {
    // Telegram's documentation: key = HMAC_SHA256(bot_token, "WebAppData"), hash = HMAC_SHA256(data_check_string, key).
    const dataCheckString = `auth_date=${fields.auth_date}\nquery_id=${fields.query_id}\nuser=${fields.user}`;
    const key = createHmac("sha256", "WebAppData").update(token).digest();
    const hash = createHmac("sha256", key).update(dataCheckString).digest("hex");
    const raw = new URLSearchParams({ ...fields, hash }).toString();
    expect(checkInitData(raw, token, minutes(1)).ok).toBe(true);
  });

  it("refuses initData signed with another bot's token", () => {
    expect(checkInitData(signInitData(fields, "7000000011:AAH-other"), token, minutes(1))).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuses initData whose user was changed after signing", () => {
    const raw = new URLSearchParams(signInitData(fields, token));
    raw.set("user", JSON.stringify({ ...user, id: 5502 }));
    expect(checkInitData(raw.toString(), token, minutes(1))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses initData whose hash was altered", () => {
    const raw = new URLSearchParams(signInitData(fields, token));
    const hash = raw.get("hash")!;
    raw.set("hash", `${hash.slice(0, -1)}${hash.endsWith("0") ? "1" : "0"}`);
    expect(checkInitData(raw.toString(), token, minutes(1))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("takes initData up to an hour old and refuses it after", () => {
    const raw = signInitData(fields, token);
    expect(checkInitData(raw, token, minutes(60)).ok).toBe(true);
    expect(checkInitData(raw, token, minutes(61))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses what is not initData at all, and signed initData without a user", () => {
    expect(checkInitData("", token, minutes(1))).toEqual({ ok: false, reason: "malformed" });
    expect(checkInitData("user=%7B%7D&hash=zz", token, minutes(1))).toEqual({ ok: false, reason: "malformed" });
    const { user: _, ...withoutUser } = fields;
    expect(checkInitData(signInitData(withoutUser, token), token, minutes(1))).toEqual({
      ok: false,
      reason: "no_user",
    });
    const notJson = { ...fields, user: "{id:5501" };
    expect(checkInitData(signInitData(notJson, token), token, minutes(1))).toEqual({ ok: false, reason: "no_user" });
  });
});
