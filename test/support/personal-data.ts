// The ways a piece of personal data can show up in a message: a test that
// says "no personal data here" looks for every one of them.
import { formatPhone } from "../../src/domain/format.ts";

/** The value itself and, for a phone, its digits, 8…, without the country code, and as the bot formats it. */
export function writtenForms(value: string): string[] {
  const digits = value.replace(/\D/g, "");
  if (!/^\+7\d{10}$/.test(value)) return [value];
  return [value, digits, `8${digits.slice(1)}`, digits.slice(1), formatPhone(value)];
}
