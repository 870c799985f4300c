// What the simulated people's applications hold in the database, field by
// field against what each person typed for the question of that field.
import { isDeepStrictEqual } from "node:util";
import type { Database } from "../../src/db/database.ts";
import type { ApplicationForm } from "../../src/domain/application.ts";
import type { PersonData } from "./simulated-person.ts";

export type StoredApplications = Map<number, ApplicationForm[]>;

/** Submitted applications by the Telegram id of who filed them. */
export async function storedApplications(db: Pick<Database, "prisma" | "cipher">): Promise<StoredApplications> {
  const rows = await db.prisma.application.findMany({
    where: { status: { not: "draft" } },
    include: { applicant: true },
  });
  const byPerson: StoredApplications = new Map();
  for (const row of rows) {
    const id = Number(row.applicant.telegramUserId);
    byPerson.set(id, [
      ...(byPerson.get(id) ?? []),
      db.cipher.openJson("application.form", row.form) as ApplicationForm,
    ]);
  }
  return byPerson;
}

/** The fields whose stored value is not what the person typed for that question. */
export function shiftedFields(form: ApplicationForm, data: PersonData): string[] {
  const expected: Record<string, unknown> = {
    phone: data.phone,
    iin: data.iin,
    surname: data.surname,
    givenName: data.givenName,
    patronymic: data.patronymic,
    employer: data.employer,
    position: data.position,
    start: data.startedAt,
    end: "present",
    institution: data.institution,
    speciality: data.speciality,
    graduationYear: data.graduationYear,
    level: "higher",
    personalSkills: data.skills,
    language: data.languageName,
    languageLevel: "advanced",
    workingHours: ["full_time"],
    desiredPosition: data.desiredPosition,
    desiredSalary: data.desiredSalary,
  };
  const job = form.experience[0];
  const school = form.education[0];
  const language = form.languageSkills[0];
  const actual: Record<string, unknown> = {
    phone: form.phone,
    iin: form.iin,
    surname: form.fullName.surname,
    givenName: form.fullName.givenName,
    patronymic: form.fullName.patronymic,
    employer: job?.employer,
    position: job?.position,
    start: job?.start,
    end: job?.end,
    institution: school?.institution,
    speciality: school?.speciality,
    graduationYear: school?.graduationYear,
    level: school?.level,
    personalSkills: form.personalSkills,
    language: language?.language,
    languageLevel: language?.level,
    workingHours: form.workingHours,
    desiredPosition: form.desiredPosition,
    desiredSalary: form.desiredSalary,
  };
  const extra =
    form.experience.length !== 1 || form.education.length !== 1 || form.languageSkills.length !== 1 ? ["entries"] : [];
  // Deep comparison: PostgreSQL's jsonb does not keep the order of keys.
  return [...Object.keys(expected).filter((field) => !isDeepStrictEqual(expected[field], actual[field])), ...extra];
}
