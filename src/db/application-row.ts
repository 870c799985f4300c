// An application row as Prisma reads it and as the raw statements of the
// draft paths (src/db/drafts.ts) read it, opened into the domain's shape.
import { type Application, applicationFormSchema, draftFormSchema } from "../domain/application.ts";
import type { FieldCipher } from "./field-cipher.ts";
import type { Application as PrismaApplicationRow } from "./generated/client.ts";

/** int8 columns arrive as bigint from Prisma and PGlite, as a string from pg. */
type Int8 = bigint | string;

export type ApplicationRow = Omit<PrismaApplicationRow, "assigneeId" | "decidedById"> & {
  assigneeId: Int8 | null;
  decidedById: Int8 | null;
};

/** Every column, named as Prisma names the fields, for raw statements. */
export const APPLICATION_COLUMNS = `id, number, applicant_id AS "applicantId", iin, iin_index AS "iinIndex",
  status::text AS status, form, step, editing, paused, refusal_ground::text AS "refusalGround",
  refusal_note AS "refusalNote", submitted_at AS "submittedAt", due_date AS "dueDate", decided_at AS "decidedAt",
  assignee_id AS "assigneeId", assignee_name AS "assigneeName", decided_by_id AS "decidedById",
  decided_by_name AS "decidedByName", staff_message_id AS "staffMessageId", card_claimed_at AS "cardClaimedAt",
  due_warned_at AS "dueWarnedAt", overdue_warned_at AS "overdueWarnedAt", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

export function toApplication(row: ApplicationRow, cipher: FieldCipher): Application {
  const form = cipher.openJson("application.form", row.form);
  return {
    id: row.id,
    assignee: row.assigneeId !== null ? { id: Number(row.assigneeId), name: row.assigneeName ?? "" } : null,
    decidedBy: row.decidedById !== null ? { id: Number(row.decidedById), name: row.decidedByName ?? "" } : null,
    refusalGround: row.refusalGround,
    refusalNote: row.refusalNote,
    staffMessageId: row.staffMessageId,
    dueWarnedAt: row.dueWarnedAt,
    overdueWarnedAt: row.overdueWarnedAt,
    number: row.number,
    applicantId: row.applicantId,
    status: row.status,
    form: row.status === "draft" ? draftFormSchema.parse(form) : applicationFormSchema.parse(form),
    step: row.step,
    editing: row.editing,
    paused: row.paused,
    submittedAt: row.submittedAt,
    dueDate: row.dueDate,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The IIN sealed, and its blind index (how an application is found by IIN). */
export const sealedIin = (cipher: FieldCipher, iin: string | undefined) =>
  iin === undefined
    ? { iin: null, iinIndex: null }
    : { iin: cipher.seal("application.iin", iin), iinIndex: cipher.blindIndex("iin", iin) };
