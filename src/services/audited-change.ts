// One audited state change, the way every decision is taken: find the
// subject, move it on with one conditional update (of two racing changes,
// exactly one wins), write who did it and what changed to the audit trail,
// and queue what the applicant is told — in the caller's transaction, so all
// of it is stored or none.
import type { ApplicantRecord } from "../db/applicants.ts";
import type { AuditInput } from "../db/audit.ts";
import type { Repositories } from "../db/repositories.ts";
import type { Actor } from "../domain/actor.ts";

export type ChangeOutcome<S> =
  | { kind: "changed"; before: S; after: S; applicant: ApplicantRecord }
  /** Someone else changed it first, or its state allows no such change: as it is now. */
  | { kind: "not_allowed"; current: S }
  | { kind: "not_found" };

export type AuditedChange<S extends { applicantId: string }> = {
  subjectType: AuditInput["subjectType"];
  /** The audit trail's name of the change, e.g. "appeal.refused". */
  action: string;
  find(repos: Repositories, id: string): Promise<S | undefined>;
  /** The conditional update; false when the subject is not in a state this change may leave. */
  claim(repos: Repositories, before: S): Promise<boolean>;
  /** What the audit trail keeps of the change (never the personal data of a form). */
  record(before: S, after: S): { before: Record<string, unknown>; after: Record<string, unknown> };
  /** Rows that go with the change: what the applicant is told (the outbox), notifications. */
  follow?(repos: Repositories, after: S, applicant: ApplicantRecord): Promise<void>;
};

export async function auditedChange<S extends { applicantId: string }>(
  repos: Repositories,
  id: string,
  actor: Actor,
  at: Date,
  change: AuditedChange<S>,
): Promise<ChangeOutcome<S>> {
  const before = await change.find(repos, id);
  if (!before) return { kind: "not_found" };
  if (!(await change.claim(repos, before)))
    return { kind: "not_allowed", current: (await change.find(repos, id)) ?? before };
  const after = await change.find(repos, id);
  if (!after) throw new Error(`${change.subjectType} ${id} vanished inside its own change`);
  await repos.audit.record({
    at,
    actor,
    action: change.action,
    subjectType: change.subjectType,
    subjectId: id,
    ...change.record(before, after),
  });
  const applicant = await repos.applicants.findById(after.applicantId);
  if (!applicant) throw new Error(`${change.subjectType} ${id} has no applicant`);
  await change.follow?.(repos, after, applicant);
  return { kind: "changed", before, after, applicant };
}
