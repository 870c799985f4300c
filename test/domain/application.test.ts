import { describe, expect, it } from "vitest";
import {
  type ApplicationForm,
  applicationFormSchema,
  assertTransition,
  canTransition,
  draftFormSchema,
  fullNameSchema,
} from "../../src/domain/application.ts";

const form: ApplicationForm = {
  phone: "+77011234567",
  iin: "900101300017",
  fullName: { surname: "O'Brien-Смағұлов", givenName: "Әлия" },
  experience: [
    { employer: "Kaspi", position: "Analyst", start: { month: 1, year: 2020 }, end: { month: 12, year: 2022 } },
  ],
  education: [],
  languageSkills: [{ language: "English", level: "advanced" }],
  workingHours: ["part_time"],
  desiredPosition: "Data analyst",
  desiredSalary: 300000,
};

describe("application form", () => {
  it("accepts a complete form and round-trips through JSON", () => {
    const parsed = applicationFormSchema.parse(JSON.parse(JSON.stringify(form)));
    expect(parsed).toEqual(form);
  });

  it.each([
    ["a phone outside E.164 +7", { phone: "87011234567" }],
    ["an IIN with a wrong check digit", { iin: "900101300018" }],
    ["a name with digits", { fullName: { surname: "Smith1", givenName: "Anna" } }],
    ["a name of 51 letters", { fullName: { surname: "A".repeat(51), givenName: "Anna" } }],
    ["SQL-like text as a name", { fullName: { surname: "Robert'); DROP TABLE applicant;--", givenName: "Anna" } }],
    ["emoji as a name", { fullName: { surname: "😀", givenName: "Anna" } }],
    [
      "experience that ends before it starts",
      {
        experience: [{ employer: "A", position: "B", start: { month: 5, year: 2021 }, end: { month: 4, year: 2021 } }],
      },
    ],
    ["month 13", { experience: [{ employer: "A", position: "B", start: { month: 13, year: 2021 }, end: "present" }] }],
    [
      "an unknown education level",
      { education: [{ level: "kindergarten", institution: "X", speciality: "Y", graduationYear: 2000 }] },
    ],
    ["no working hours", { workingHours: [] }],
    ["the same working hours twice", { workingHours: ["remote", "remote"] }],
    ["an unknown working hours option", { workingHours: ["night"] }],
    ["a pay of zero", { desiredSalary: 0 }],
    ["a fractional pay", { desiredSalary: 1000.5 }],
    ["a 5,000-character position", { desiredPosition: "x".repeat(5000) }],
    ["an empty position", { desiredPosition: "   " }],
    ["control characters", { desiredPosition: "a\u0000b" }],
  ])("rejects %s", (_, change) => {
    expect(applicationFormSchema.safeParse({ ...form, ...change }).success).toBe(false);
  });

  it("lets a draft miss sections but not hold invalid ones", () => {
    expect(draftFormSchema.safeParse({ phone: "+77011234567" }).success).toBe(true);
    expect(draftFormSchema.safeParse({ iin: "123" }).success).toBe(false);
  });

  it("accepts names in Kazakh, Russian and English alphabets", () => {
    for (const surname of ["Құрманғазы", "Щёголев", "Smith", "Жұмабек-Ұлы", "D'Artagnan", "Ван Дамм"]) {
      expect(fullNameSchema.safeParse({ surname, givenName: "Ұлжан" }).success, surname).toBe(true);
    }
  });
});

describe("application states", () => {
  it.each([
    ["draft", "submitted", true],
    ["draft", "withdrawn", true],
    ["submitted", "registered", true],
    ["submitted", "refused", true],
    ["submitted", "withdrawn", true],
    ["draft", "registered", false],
    ["registered", "refused", false],
    ["refused", "registered", false],
    ["withdrawn", "submitted", false],
  ] as const)("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (!allowed) expect(() => assertTransition(from, to)).toThrow(/cannot go from/);
  });
});
