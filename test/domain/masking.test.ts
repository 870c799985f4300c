// What the staff group may read of a person: initials and the last 4 digits.
import { describe, expect, it } from "vitest";
import { initialsOf, initialsOfFullName, maskIdNumber, maskLongNumbers } from "../../src/domain/masking.ts";

describe("initials", () => {
  it.each([
    [{ surname: "Сейітқали", givenName: "Айгерім", patronymic: "Ерланқызы" }, "С. А. Е."],
    // Written apart, «ұлы» / «қызы» belong to the patronymic and give no initial.
    [{ surname: "Әбенов", givenName: "Ұлан", patronymic: "Серік ұлы" }, "Ә. Ұ. С."],
    [{ surname: "Өмірзақова", givenName: "Іңкәр", patronymic: "Болат қызы" }, "Ө. І. Б."],
    [{ surname: "Мамедов", givenName: "Эльдар", patronymic: "Ахмед оглы" }, "М. Э. А."],
    [{ surname: "Иванова", givenName: "Мария", patronymic: "Петровна" }, "И. М. П."],
    [{ surname: "Smith", givenName: "john" }, "S. J."],
    [{ surname: "Жақып-Бекова", givenName: "Ғалия" }, "Ж.-Б. Ғ."],
  ])("of %o are %s", (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it.each([
    ["Сейітқали Айгерім Ерланқызы", "С. А. Е."],
    ["  Ахметов   Серик Болат ұлы ", "А. С. Б."],
    ["Нұрлан Серікұлы", "Н. С."],
    ["ТОО «Жарық»", "Т. Ж."],
    ["", ""],
  ])("of a name written in one line «%s» are «%s»", (fullName, initials) => {
    expect(initialsOfFullName(fullName)).toBe(initials);
  });
});

describe("masked numbers", () => {
  it("show only the last 4 digits of an IIN or a BIN", () => {
    expect(maskIdNumber("900101300017")).toBe("••••••••0017");
    expect(maskIdNumber("9001 0130 0017")).toBe("••••••••0017");
  });

  it("hide IINs and phones a person typed into a message, in the ways people type them", () => {
    const text =
      "Мой ИИН 900101300017, телефон +7 701 123 45 67, домашний 8 (7172) 55-44-33, ещё 87011234567 и 701-123-45-67.";
    const masked = maskLongNumbers(text);
    for (const digits of ["900101300017", "701 123 45 67", "7172) 55-44-33", "87011234567", "701-123-45-67"])
      expect(masked).not.toContain(digits);
    expect(masked).toBe(
      "Мой ИИН ••••••••0017, телефон ••••••••4567, домашний ••••••••4433, ещё ••••••••4567 и ••••••••4567.",
    );
  });

  it("leave dates, times, sums and the numbers of applications, appeals and complaints as written", () => {
    const text = "Заявление № 2026-000123 и обращение A-2026-000007 от 27.11.2026 10:00, зарплата 450 000 тенге.";
    expect(maskLongNumbers(text)).toBe(text);
  });
});
