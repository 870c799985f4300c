// The whole form as the person will sign it.
import type { ApplicationForm, DraftForm } from "../../domain/application.ts";
import { formatPhone, formatTenge } from "../../domain/format.ts";
import type { Translate } from "../i18n.ts";

const monthYear = (m: { month: number; year: number }) => `${String(m.month).padStart(2, "0")}.${m.year}`;

export const describeJob = (t: Translate, e: ApplicationForm["experience"][number]): string =>
  `${e.position}, ${e.employer} (${monthYear(e.start)} – ${e.end === "present" ? t("registration.experience.untilNow") : monthYear(e.end)})`;

export const describeSchool = (t: Translate, e: ApplicationForm["education"][number]): string =>
  `${t(`education.${e.level}`)}: ${e.institution}, ${e.speciality}, ${e.graduationYear}`;

export const describeLanguage = (t: Translate, l: ApplicationForm["languageSkills"][number]): string =>
  `${l.language} (${t(`languageLevel.${l.level}`)})`;

export function summaryText(t: Translate, form: DraftForm): string {
  return [t("registration.summary.title"), "", formDetails(t, form)].join("\n");
}

/** The answers, one labelled line (or block) each. */
export function formDetails(t: Translate, form: DraftForm): string {
  const none = t("registration.summary.none");
  const name = form.fullName
    ? [form.fullName.surname, form.fullName.givenName, form.fullName.patronymic].filter(Boolean).join(" ")
    : none;
  const experience = form.experience?.length ? form.experience.map((e) => `• ${describeJob(t, e)}`).join("\n") : none;
  const education = form.education?.length ? form.education.map((e) => `• ${describeSchool(t, e)}`).join("\n") : none;
  const languages = form.languageSkills?.length
    ? form.languageSkills.map((l) => describeLanguage(t, l)).join(", ")
    : none;
  const hours = form.workingHours?.length ? form.workingHours.map((h) => t(`workingHours.${h}`)).join(", ") : none;

  return [
    `${t("registration.summary.phone")}: ${form.phone ? formatPhone(form.phone) : none}`,
    `${t("registration.summary.iin")}: ${form.iin ?? none}`,
    `${t("registration.summary.fullName")}: ${name}`,
    `${t("registration.summary.experience")}:\n${experience}`,
    `${t("registration.summary.education")}:\n${education}`,
    `${t("registration.summary.personalSkills")}: ${form.personalSkills ?? none}`,
    `${t("registration.summary.languageSkills")}: ${languages}`,
    `${t("registration.summary.workingHours")}: ${hours}`,
    `${t("registration.summary.desiredPosition")}: ${form.desiredPosition ?? none}`,
    `${t("registration.summary.desiredSalary")}: ${form.desiredSalary ? `${formatTenge(form.desiredSalary)} ₸` : none}`,
  ].join("\n");
}
