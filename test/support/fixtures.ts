// Builders of the things tests store: a complete form, an appeal's content, a
// complaint, an operator. Each returns a valid value; a test overrides only
// what it is about.
import type { Actor } from "../../src/domain/actor.ts";
import type { AppealContent } from "../../src/domain/appeal.ts";
import type { ApplicationForm } from "../../src/domain/application.ts";
import type { Complainant } from "../../src/domain/complaint.ts";
import type { IsoDate } from "../../src/domain/dates.ts";

export function aForm(overrides: Partial<ApplicationForm> = {}): ApplicationForm {
  return {
    phone: "+77011234567",
    iin: "900101300017",
    fullName: { surname: "Тестов", givenName: "Тест" },
    experience: [],
    education: [],
    languageSkills: [],
    workingHours: ["full_time"],
    desiredPosition: "Оператор",
    desiredSalary: 200000,
    ...overrides,
  };
}

/** A form with every section filled, lists included. */
export function aCompleteForm(overrides: Partial<ApplicationForm> = {}): ApplicationForm {
  return aForm({
    fullName: { surname: "Сейітқали", givenName: "Айгерім", patronymic: "Ерланқызы" },
    experience: [{ employer: "ТОО «Жарық»", position: "Бухгалтер", start: { month: 9, year: 2015 }, end: "present" }],
    education: [
      { level: "higher", institution: "КазНУ им. аль-Фараби", speciality: "Учёт и аудит", graduationYear: 2014 },
    ],
    personalSkills: "1С, Excel; ответственность",
    languageSkills: [{ language: "Қазақ тілі", level: "native" }],
    workingHours: ["full_time", "remote"],
    desiredPosition: "Главный бухгалтер",
    desiredSalary: 450000,
    ...overrides,
  });
}

export function anAppeal(overrides: Partial<AppealContent> = {}): AppealContent {
  return {
    fullName: "Тестов Тест",
    identity: { kind: "natural", iin: "900101300017", postalAddress: "г. Астана, ул. Достык, 1" },
    addressee: "service_provider",
    essence: "Прошу пересмотреть отказ в регистрации в качестве безработного.",
    date: "2026-11-27",
    ...overrides,
  };
}

export function aComplaint(
  overrides: Partial<{
    subject: string;
    learnedDate: IsoDate;
    lateReason: string | null;
    essence: string;
    complainant: Complainant;
  }> = {},
) {
  return {
    subject: "application:2026-000001",
    learnedDate: "2026-11-27" as IsoDate,
    lateReason: null,
    essence: "Решение принято без учёта представленных документов.",
    complainant: { fullName: "Тестов Тест", iin: "900101300017", phone: "+77011234567" },
    ...overrides,
  };
}

export function anOperator(overrides: Partial<Actor> = {}): Actor {
  return { id: 500, name: "Оператор Айгуль", ...overrides };
}
