// What the staff group may see of a person: enough to tell two cards apart
// and to match a caller on the phone ("the IIN ending in 0016, А. Б. С."),
// never enough to identify them. The whole record is in the desk, where each
// look is audited.

/** The last 4 digits of an IIN or a BIN, the rest hidden: "••••••••0016". */
export function maskIdNumber(value: string): string {
  const digits = value.replace(/\D/g, "");
  const shown = digits.slice(-4);
  return "•".repeat(Math.max(digits.length - shown.length, 8)) + shown;
}

/**
 * Kazakh (and Kyrgyz, Azerbaijani) patronymics end in a word of their own when
 * written apart: «Серік ұлы», «Серік қызы», «Ахмед оглы». That word is part of
 * the patronymic, not a name, so it gives no initial.
 */
const patronymicParticle = /^(ұлы|қызы|улы|кызы|уулу|оглы|оглу|гызы|uly|qyzy|kyzy|ogly)$/i;

/** "Сейітқали" → "С."; a double name "Жақып-Бек" → "Ж.-Б.". */
function initialOfWord(word: string): string {
  return word
    .split("-")
    .filter((part) => part.length > 0)
    .map((part) => `${[...part][0]!.toLocaleUpperCase("kk")}.`)
    .join("-");
}

function initialsOfWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}]+|[^\p{L}-]+$/gu, ""))
    .filter((word) => /\p{L}/u.test(word) && !patronymicParticle.test(word))
    .map(initialOfWord);
}

/** Initials of surname, name and patronymic: «Әбенова Айгерім Серікқызы» → «Ә. А. С.». */
export function initialsOf(name: { surname: string; givenName: string; patronymic?: string | undefined }): string {
  return [name.surname, name.givenName, name.patronymic ?? ""].flatMap(initialsOfWords).join(" ");
}

/** Initials of a name written in one line, in the order written («Ахметов Серик Болат ұлы» → «А. С. Б.»). */
export function initialsOfFullName(fullName: string): string {
  return initialsOfWords(fullName).join(" ");
}

/**
 * A run of digits that may be an IIN, a BIN or a phone: 10 digits or more,
 * with an optional "+" before it and spaces, dashes or brackets between them
 * (not dots or colons, so that "27.11.2026 10:00" stays a date and a time).
 */
const longNumber = /\+?\d(?:[\s()-]{0,2}\d){9,}/g;
/** № 2026-000001 (and the tail of A-2026-000001, C-2026-000001): a number the person may name, no one's data. */
const filingNumber = /^\d{4}-\d{6}$/;

/**
 * What a person wrote, with every IIN- or phone-like number masked to its last
 * 4 digits: people type their IIN or phone into a question to a specialist.
 */
export function maskLongNumbers(text: string): string {
  return text.replace(longNumber, (run) => (filingNumber.test(run) ? run : maskIdNumber(run)));
}
