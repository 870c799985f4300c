// The form as the page edits it, and the web save it becomes: the API's
// shapes (src/domain/application.ts), months as <input type="month"> writes
// them ("2015-09"). Only the sections the person touched are sent, so a list
// never asked about stays unanswered for the chat to ask.

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
  };
}

export const emptyJob = (): JobRow => ({ employer: "", position: "", start: "", end: "", present: false });
export const emptySchool = (): SchoolRow => ({ level: "", institution: "", speciality: "", graduationYear: "" });
export const emptyLanguage = (): LanguageSkill => ({ language: "", level: "" });

/** Every section as the API takes it. */
export function changesOf(state: FormState) {
  const patronymic = state.patronymic.trim();
  return {
    fullName: { surname: state.surname, givenName: state.givenName, ...(patronymic ? { patronymic } : {}) },
    experience: state.experience.map((job) => ({
      employer: job.employer,
      position: job.position,
      start: monthOf(job.start),
      end: job.present ? "present" : monthOf(job.end),
    })),
    education: state.education.map((school) => ({
      level: school.level || undefined,
      institution: school.institution,
      speciality: school.speciality,
      graduationYear: numberOf(school.graduationYear),
    })),
    // null: the person removed what they had written.
    personalSkills: state.personalSkills.trim() === "" ? null : state.personalSkills,
    languageSkills: state.languageSkills.map((skill) => ({
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
  return Object.fromEntries(Object.entries(all).filter(([section]) => touched.has(section as Section)));
}
