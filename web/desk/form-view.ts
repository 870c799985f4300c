// An application's form as the operator reads it: each answer under the label
// the person saw when signing it (registration.summary.*), the lists one entry
// a line, the choices in words. The stored values (full_time, higher, a month
// as {month, year}) are not text to show anyone.
import { h } from "../shared/dom.ts";
import type { Translate } from "../shared/i18n.ts";

type Month = { month: number; year: number };

/** The form as the server sends it (src/domain/application.ts ApplicationForm). */
export type FormView = {
  phone?: string;
  iin?: string;
  fullName?: { surname: string; givenName: string; patronymic?: string };
  experience?: Array<{ employer: string; position: string; start: Month; end: Month | "present" }>;
  education?: Array<{ level: string; institution: string; speciality: string; graduationYear: number }>;
  personalSkills?: string;
  languageSkills?: Array<{ language: string; level: string }>;
  workingHours?: string[];
  desiredPosition?: string;
  desiredSalary?: number;
};

const monthYear = (m: Month) => `${String(m.month).padStart(2, "0")}.${m.year}`;
/** 450000 → "450 000", as the chat's summary writes it. */
const tenge = (amount: number) => `${amount.toLocaleString("en-US").replaceAll(",", " ")} ₸`;

export function formView(t: Translate, form: FormView): HTMLElement {
  const none = t("registration.summary.none");
  const list = (items: string[]) =>
    items.length === 0 ? none : h("ul", {}, ...items.map((item) => h("li", {}, item)));
  const name = form.fullName
    ? [form.fullName.surname, form.fullName.givenName, form.fullName.patronymic].filter(Boolean).join(" ")
    : none;
  const rows: Array<[string, Node | string]> = [
    [t("registration.summary.phone"), form.phone ?? none],
    [t("registration.summary.iin"), form.iin ?? none],
    [t("registration.summary.fullName"), name],
    [
      t("registration.summary.experience"),
      list(
        (form.experience ?? []).map(
          (e) =>
            `${e.position}, ${e.employer} (${monthYear(e.start)} – ${
              e.end === "present" ? t("registration.experience.untilNow") : monthYear(e.end)
            })`,
        ),
      ),
    ],
    [
      t("registration.summary.education"),
      list(
        (form.education ?? []).map(
          (e) => `${t(`education.${e.level}`)}: ${e.institution}, ${e.speciality}, ${e.graduationYear}`,
        ),
      ),
    ],
    [t("registration.summary.personalSkills"), form.personalSkills ?? none],
    [
      t("registration.summary.languageSkills"),
      list((form.languageSkills ?? []).map((l) => `${l.language} (${t(`languageLevel.${l.level}`)})`)),
    ],
    [
      t("registration.summary.workingHours"),
      list((form.workingHours ?? []).map((choice) => t(`workingHours.${choice}`))),
    ],
    [t("registration.summary.desiredPosition"), form.desiredPosition ?? none],
    [t("registration.summary.desiredSalary"), form.desiredSalary ? tenge(form.desiredSalary) : none],
  ];
  return h("dl", { class: "form" }, ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}
