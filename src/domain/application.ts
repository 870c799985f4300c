// An application for registration as a job seeker: the form the person fills
// in (the fields the egov.kz service asks for: professional experience,
// education, personal and language skills, working hours, position and pay)
// and the states it goes through.
import { z } from "zod";
import type { Actor } from "./actor.ts";
import type { IsoDate } from "./dates.ts";
import { parseIin } from "./iin.ts";

export const applicationStatuses = ["draft", "submitted", "registered", "refused", "withdrawn"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** The two grounds for refusal the law allows for this service. */
export const refusalGrounds = [
  // unreliability of the documents submitted, or of the data in them
  "unreliable_documents",
  // information provided does not meet the requirements of the List
  "non_compliant_information",
] as const;
export type RefusalGround = (typeof refusalGrounds)[number];

const allowedTransitions: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  draft: ["submitted", "withdrawn"],
  submitted: ["registered", "refused", "withdrawn"],
  registered: [],
  refused: [],
  withdrawn: [],
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return allowedTransitions[from].includes(to);
}

export class ApplicationTransitionError extends Error {
  override name = "ApplicationTransitionError";
  constructor(
    readonly from: ApplicationStatus,
    readonly to: ApplicationStatus,
  ) {
    super(`An application cannot go from ${from} to ${to}`);
  }
}

export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canTransition(from, to)) throw new ApplicationTransitionError(from, to);
}

/** A person may file a new application only when none of theirs is pending or registered (one per IIN). */
export const activeStatuses = ["submitted", "registered"] as const satisfies readonly ApplicationStatus[];

export function isActive(status: ApplicationStatus): boolean {
  return (activeStatuses as readonly ApplicationStatus[]).includes(status);
}

/** Registered or refused: final, nothing more can be decided on it. */
export function isDecided(status: ApplicationStatus): boolean {
  return status === "registered" || status === "refused";
}

export const educationLevels = [
  "general_secondary",
  "technical_vocational",
  "post_secondary",
  "higher",
  "postgraduate",
] as const;
export type EducationLevel = (typeof educationLevels)[number];

export const workingHoursOptions = ["full_time", "part_time", "shifts", "flexible", "remote"] as const;
export type WorkingHours = (typeof workingHoursOptions)[number];

export const languageLevels = ["basic", "intermediate", "advanced", "native"] as const;
export type LanguageLevel = (typeof languageLevels)[number];

export const limits = {
  namePart: 50,
  shortText: 200,
  skills: 1000,
  entries: 20,
  // Below this a person almost always meant thousands ("350" for 350 000).
  minSalary: 10_000,
  maxSalary: 100_000_000,
} as const;

// Letters of the Kazakh, Russian and English alphabets, joined by single
// hyphens, apostrophes or spaces (double surnames, O'Brien, Қожа-Ахмет).
const letters = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі";
const namePattern = new RegExp(`^[${letters}]+(?:[-'’ ][${letters}]+)*$`, "u");

export const namePartSchema = z.string().trim().min(1).max(limits.namePart).regex(namePattern);

/** Control characters (tab and line breaks allowed): they break rendering in the staff chat and exports. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
export const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !controlCharacters.test(text), "control characters are not allowed");

export const phoneSchema = z.string().regex(/^\+7\d{10}$/, "a Kazakhstan number in E.164: +7 and 10 digits");

/** A valid IIN, stored in its canonical form (12 digits, spaces removed). */
export const iinSchema = z.string().transform((text, ctx) => {
  const parsed = parseIin(text);
  if (parsed.ok) return parsed.iin;
  ctx.addIssue({ code: "custom", message: `not a valid IIN (${parsed.reason})` });
  return z.NEVER;
});

export const fullNameSchema = z.object({
  surname: namePartSchema,
  givenName: namePartSchema,
  patronymic: namePartSchema.optional(),
});

const monthSchema = z.object({
  month: z.number().int().min(1).max(12),
  year: z.number().int().min(1940).max(2100),
});
export type YearMonth = z.infer<typeof monthSchema>;

const monthIndex = (m: YearMonth) => m.year * 12 + m.month;

export const experienceEntrySchema = z
  .object({
    employer: textSchema(limits.shortText),
    position: textSchema(limits.shortText),
    start: monthSchema,
    end: z.union([monthSchema, z.literal("present")]),
  })
  .refine((entry) => entry.end === "present" || monthIndex(entry.start) <= monthIndex(entry.end), {
    message: "the end is before the start",
    path: ["end"],
  });

export const educationEntrySchema = z.object({
  level: z.enum(educationLevels),
  institution: textSchema(limits.shortText),
  speciality: textSchema(limits.shortText),
  graduationYear: z.number().int().min(1940).max(2100),
});

export const languageSkillSchema = z.object({
  language: textSchema(50),
  level: z.enum(languageLevels),
});

/** A complete form: what may be submitted and stored as submitted. */
export const applicationFormSchema = z.object({
  phone: phoneSchema,
  iin: iinSchema,
  fullName: fullNameSchema,
  experience: z.array(experienceEntrySchema).max(limits.entries),
  education: z.array(educationEntrySchema).max(limits.entries),
  personalSkills: textSchema(limits.skills).optional(),
  languageSkills: z.array(languageSkillSchema).max(limits.entries),
  workingHours: z
    .array(z.enum(workingHoursOptions))
    .min(1)
    .refine((list) => new Set(list).size === list.length, "each option once"),
  desiredPosition: textSchema(limits.shortText),
  desiredSalary: z.number().int().positive().max(limits.maxSalary),
});
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

/** A form being filled in: every section may still be missing, but what is there is valid. */
export const draftFormSchema = applicationFormSchema.partial();
export type DraftForm = z.infer<typeof draftFormSchema>;

/** An application as the service keeps it: the form, where a draft is in the path, and what became of it. */
export type Application = {
  id: string;
  applicantId: string;
  /** № YYYY-NNNNNN, given at submission. */
  number: string | null;
  status: ApplicationStatus;
  form: DraftForm;
  /** A draft's place in the path: the section, whether it came from the summary, whether the person left. */
  step: string | null;
  editing: boolean;
  paused: boolean;
  submittedAt: Date | null;
  dueDate: IsoDate | null;
  createdAt: Date;
  /** Its last change: a draft untouched for long is deleted (see services/retention.ts). */
  updatedAt: Date;
  /** The operator who took it, and who decided it. */
  assignee: Actor | null;
  decidedBy: Actor | null;
  decidedAt: Date | null;
  refusalGround: RefusalGround | null;
  refusalNote: string | null;
  /** Its card in the staff chat, once posted. */
  staffMessageId: number | null;
  /** When the staff chat was warned that the term is near, and that it passed. */
  dueWarnedAt: Date | null;
  overdueWarnedAt: Date | null;
};
