// The sections of the registration form and the fields each one answers: the
// chat asks them one at a time, the web form shows them together, and both
// decide from here which section a draft is at.
import type { DraftForm } from "./application.ts";

/** The sections a person fills in, in order; each can be changed from the summary. */
export const formSections = ["phone", "iin", "full_name", "experience", "education", "skills", "preferences"] as const;
export type FormSection = (typeof formSections)[number];

/**
 * The fields whose presence means the section was answered. An empty list
 * ("no experience") is an answer; personal skills may be skipped, so the
 * language list alone says the skills section was answered.
 */
const answeredBy: Record<FormSection, readonly (keyof DraftForm)[]> = {
  phone: ["phone"],
  iin: ["iin"],
  full_name: ["fullName"],
  experience: ["experience"],
  education: ["education"],
  skills: ["languageSkills"],
  preferences: ["workingHours", "desiredPosition", "desiredSalary"],
};

export function isFormSection(value: unknown): value is FormSection {
  return typeof value === "string" && (formSections as readonly string[]).includes(value);
}

export function isAnswered(section: FormSection, form: DraftForm): boolean {
  return answeredBy[section].every((field) => form[field] !== undefined);
}

/** The first section not yet answered, or undefined when the whole form is (the summary comes next). */
export function firstUnanswered(form: DraftForm): FormSection | undefined {
  return formSections.find((section) => !isAnswered(section, form));
}
