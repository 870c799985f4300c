/** The sections of the registration form, in order. */
export const steps = [
  "phone",
  "iin",
  "full_name",
  "experience",
  "education",
  "skills",
  "preferences",
  "summary",
  "consent",
  "otp",
] as const;
export type StepId = (typeof steps)[number];

/** Sections a person can change from the summary. */
export const editableSteps = [
  "phone",
  "iin",
  "full_name",
  "experience",
  "education",
  "skills",
  "preferences",
] as const satisfies readonly StepId[];

export function isStepId(value: unknown): value is StepId {
  return typeof value === "string" && (steps as readonly string[]).includes(value);
}

export function stepAfter(step: StepId): StepId {
  const next = steps[steps.indexOf(step) + 1];
  if (!next) throw new Error(`${step} is the last step`);
  return next;
}
