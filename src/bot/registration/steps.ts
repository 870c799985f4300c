import { formSections } from "../../domain/form-sections.ts";

/** The sections a person fills in, in order; each can be changed from the summary. */
export const editableSteps = formSections;

/** The sections of the registration form, in order: what is filled in, then checked, agreed to and signed. */
export const steps = [...editableSteps, "summary", "consent", "otp"] as const;
export type StepId = (typeof steps)[number];

export function isStepId(value: unknown): value is StepId {
  return typeof value === "string" && (steps as readonly string[]).includes(value);
}

export function stepAfter(step: StepId): StepId {
  const next = steps[steps.indexOf(step) + 1];
  if (!next) throw new Error(`${step} is the last step`);
  return next;
}

/**
 * Where a section stands in "Step 3 of 9": the person is told of nine steps,
 * the last of which is the consent and the signature it leads to.
 */
export function stepPosition(step: StepId): { n: number; total: number } {
  const told = steps.filter((s) => s !== "otp");
  return { n: step === "otp" ? told.length : told.indexOf(step) + 1, total: told.length };
}
