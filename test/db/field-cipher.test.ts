import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createFieldCipher, DataKeyError, keyIdOf } from "../../src/db/field-cipher.ts";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };
const indexKey = randomBytes(32);

describe("sealing a value", () => {
  const cipher = createFieldCipher({ dataKeys: [k1], indexKey });

  it("opens what it sealed, with a fresh nonce each time and the key id beside it", () => {
    const first = cipher.seal("applicant.iin", "900101300017");
    const second = cipher.seal("applicant.iin", "900101300017");
    expect(first).not.toBe(second);
    expect(first).not.toContain("900101300017");
    expect(keyIdOf(first)).toBe("k1");
    expect(cipher.open("applicant.iin", first)).toBe("900101300017");
    expect(cipher.openJson("application.form", cipher.sealJson("application.form", { a: ["ә", 1] }))).toEqual({
      a: ["ә", 1],
    });
  });

  it("does not open a value moved to another column, altered, or under a key it lacks", () => {
    const sealed = cipher.seal("applicant.iin", "900101300017");
    expect(() => cipher.open("application.iin", sealed)).toThrow(DataKeyError);
    const body = sealed.slice(sealed.lastIndexOf(":") + 1);
    const flipped = Buffer.from(body, "base64");
    flipped[14] = (flipped[14] ?? 0) ^ 1;
    expect(() => cipher.open("applicant.iin", sealed.replace(body, flipped.toString("base64")))).toThrow(
      /does not open/,
    );
    const other = createFieldCipher({ dataKeys: [k2], indexKey });
    expect(() => other.open("applicant.iin", sealed)).toThrow(/key "k1", which DATA_KEYS lacks/);
  });

  it("opens values of a retired key while sealing under the first", () => {
    const old = cipher.seal("complaint.essence", "Жалоба");
    const rotated = createFieldCipher({ dataKeys: [k2, k1], indexKey });
    expect(rotated.open("complaint.essence", old)).toBe("Жалоба");
    expect(keyIdOf(rotated.seal("complaint.essence", "Жалоба"))).toBe("k2");
  });

  it("passes a value stored before encryption through as it is", () => {
    expect(keyIdOf("900101300017")).toBeUndefined();
    expect(cipher.open("applicant.iin", "900101300017")).toBe("900101300017");
    expect(cipher.openJson("application.form", '{"iin":"900101300017"}')).toEqual({ iin: "900101300017" });
  });
});

describe("the blind index", () => {
  it("matches equal values under one index key, and nothing under another", () => {
    const cipher = createFieldCipher({ dataKeys: [k1], indexKey });
    const again = createFieldCipher({ dataKeys: [k2], indexKey });
    const other = createFieldCipher({ dataKeys: [k1], indexKey: randomBytes(32) });
    const index = cipher.blindIndex("iin", "900101300017");
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(again.blindIndex("iin", "900101300017")).toBe(index);
    expect(cipher.blindIndex("iin", "900101300018")).not.toBe(index);
    expect(other.blindIndex("iin", "900101300017")).not.toBe(index);
  });
});
