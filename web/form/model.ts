// The form as the page edits it, and the web save it becomes: the API's
// shapes (src/domain/application.ts), months as <input type="month"> writes
// them ("2015-09"). Only the sections the person touched are sent, so a list
// never asked about stays unanswered for the chat to ask. A list with no
// entries is an answer only when the person says there is nothing to list
// ("none"), as the chat's "I have no work experience" button does: the domain
// counts an empty list as answered (src/domain/form-sections.ts).

export type YearMonth = { year: number; month: number };
export type Job = { employer: string; position: string; start: YearMonth; end: YearMonth | "present" };
export type School = { level: string; institution: string; speciality: string; graduationYear: number };
export type LanguageSkill = { language: string; level: string };
export type DraftForm = {
  phone?: string;
  iin?: string;
  fullName?: { surname: string; givenName: string; patronymic?: string };
  experience?: Job[];
  education?: School[];
  personalSkills?: string;
  languageSkills?: LanguageSkill[];
  workingHours?: string[];
  desiredPosition?: string;
  desiredSalary?: number;
};
export type DraftView = { form: DraftForm; step: string | null; paused: boolean; answered: string[] };

export type JobRow = { employer: string; position: string; start: string; end: string; present: boolean };
export type SchoolRow = { level: string; institution: string; speciality: string; graduationYear: string };

export const listSections = ["experience", "education", "languageSkills"] as const;
export type ListSection = (typeof listSections)[number];

export type FormState = {
  surname: string;
  givenName: string;
  patronymic: string;
  experience: JobRow[];
  education: SchoolRow[];
  personalSkills: string;
  languageSkills: LanguageSkill[];
  workingHours: string[];
  desiredPosition: string;
  desiredSalary: string;
  /** The lists the person said they have nothing to put in (sent as an empty list). */
  none: Record<ListSection, boolean>;
};

export type Section = keyof ReturnType<typeof changesOf>;

const monthText = (m: YearMonth): string => `${m.year}-${String(m.month).padStart(2, "0")}`;

/** "2015-09" as the API's month; undefined (the server says "required") when empty. */
function monthOf(text: string): YearMonth | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : undefined;
}

/** A number typed, or the text itself: the server answers what is wrong with it in the person's words. */
function numberOf(text: string): number | string | undefined {
  const trimmed = text.replace(/\s/g, "");
  if (trimmed === "") return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function stateOf(form: DraftForm): FormState {
  return {
    surname: form.fullName?.surname ?? "",
    givenName: form.fullName?.givenName ?? "",
    patronymic: form.fullName?.patronymic ?? "",
    experience: (form.experience ?? []).map((job) => ({
      employer: job.employer,
      position: job.position,
      start: monthText(job.start),
      end: job.end === "present" ? "" : monthText(job.end),
      present: job.end === "present",
    })),
    education: (form.education ?? []).map((school) => ({ ...school, graduationYear: String(school.graduationYear) })),
    personalSkills: form.personalSkills ?? "",
    languageSkills: (form.languageSkills ?? []).map((skill) => ({ ...skill })),
    workingHours: [...(form.workingHours ?? [])],
    desiredPosition: form.desiredPosition ?? "",
    desiredSalary: form.desiredSalary === undefined ? "" : String(form.desiredSalary),
    none: {
      experience: form.experience?.length === 0,
      education: form.education?.length === 0,
      languageSkills: form.languageSkills?.length === 0,
    },
  };
}

export const emptyJob = (): JobRow => ({ employer: "", position: "", start: "", end: "", present: false });
export const emptySchool = (): SchoolRow => ({ level: "", institution: "", speciality: "", graduationYear: "" });
export const emptyLanguage = (): LanguageSkill => ({ language: "", level: "" });

/** A list as the API takes it: its entries, an empty list for "none", else nothing (not answered). */
function listOf<T, U>(state: FormState, section: ListSection, rows: T[], entry: (row: T) => U): U[] | undefined {
  if (rows.length > 0) return rows.map(entry);
  return state.none[section] ? [] : undefined;
}

/** Every section as the API takes it. */
export function changesOf(state: FormState) {
  const patronymic = state.patronymic.trim();
  return {
    fullName: { surname: state.surname, givenName: state.givenName, ...(patronymic ? { patronymic } : {}) },
    experience: listOf(state, "experience", state.experience, (job) => ({
      employer: job.employer,
      position: job.position,
      start: monthOf(job.start),
      end: job.present ? "present" : monthOf(job.end),
    })),
    education: listOf(state, "education", state.education, (school) => ({
      level: school.level || undefined,
      institution: school.institution,
      speciality: school.speciality,
      graduationYear: numberOf(school.graduationYear),
    })),
    // null: the person removed what they had written.
    personalSkills: state.personalSkills.trim() === "" ? null : state.personalSkills,
    languageSkills: listOf(state, "languageSkills", state.languageSkills, (skill) => ({
      language: skill.language,
      level: skill.level || undefined,
    })),
    workingHours: state.workingHours,
    desiredPosition: state.desiredPosition,
    desiredSalary: numberOf(state.desiredSalary),
  };
}

/** The save: the sections touched, and those the draft already holds (sent again unchanged or changed). */
export function saveBody(state: FormState, touched: ReadonlySet<Section>): Record<string, unknown> {
  const all = changesOf(state);
  return Object.fromEntries(
    Object.entries(all).filter(([section, value]) => touched.has(section as Section) && value !== undefined),
  );
}

/**
 * The lists the draft held an answer for that the page now leaves without
 * one (every entry removed, "none" not ticked). A save without them would
 * keep the stored entries the person removed, so the page asks first.
 */
export function listsLeftUnanswered(state: FormState, form: DraftForm): ListSection[] {
  return listSections.filter((section) => form[section] !== undefined && changesOf(state)[section] === undefined);
}
