// The draft paths of applications: read when a section starts, saved when it
// ends, touched when the person comes back. On the per-update hot path, so in
// plain parameterized SQL (src/db/sql-client.ts); the rest of the
// application's life stays with Prisma (src/db/applications.ts).
import { randomUUID } from "node:crypto";
import { type Application, type DraftForm, draftFormSchema } from "../domain/application.ts";
import { APPLICATION_COLUMNS, type ApplicationRow, sealedIin, toApplication } from "./application-row.ts";
import type { FieldCipher } from "./field-cipher.ts";
import type { SqlClient } from "./sql-client.ts";

/** Where a draft is in the registration flow. */
export type DraftProgress = { step: string | null; editing?: boolean; paused?: boolean };

/** The draft was submitted or deleted meanwhile: nothing of it was changed. */
export class DraftGoneError extends Error {
  override name = "DraftGoneError";
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;

/** `SET` clauses of the progress given (an absent field keeps its value), numbered from `first`. */
function progressSet(progress: DraftProgress, first: number): { clauses: string[]; params: unknown[] } {
  const fields: Array<[string, unknown]> = [["step", progress.step]];
  if (progress.editing !== undefined) fields.push(["editing", progress.editing]);
  if (progress.paused !== undefined) fields.push(["paused", progress.paused]);
  return {
    clauses: fields.map(([column], index) => `${column} = $${first + index}${column === "step" ? "" : "::boolean"}`),
    params: fields.map(([, value]) => value),
  };
}

export function createDraftRepository(sql: SqlClient, cipher: FieldCipher) {
  const one = (rows: ApplicationRow[]) => (rows[0] ? toApplication(rows[0], cipher) : undefined);

  return {
    async createDraft(
      applicantId: string,
      form: DraftForm = {},
      progress: DraftProgress = { step: null },
    ): Promise<Application> {
      const rows = await sql.rows<ApplicationRow>(
        `INSERT INTO application (id, applicant_id, status, form, step, editing, paused, updated_at)
         VALUES ($1::uuid, $2::uuid, 'draft', $3, $4, $5::boolean, $6::boolean, now())
         RETURNING ${APPLICATION_COLUMNS}`,
        [
          randomUUID(),
          applicantId,
          cipher.sealJson("application.form", draftFormSchema.parse(form)),
          progress.step,
          progress.editing ?? false,
          progress.paused ?? false,
        ],
      );
      return one(rows)!;
    },

    /** The person's newest draft. */
    async findDraft(applicantId: string): Promise<Application | undefined> {
      return one(
        await sql.rows<ApplicationRow>(
          `SELECT ${APPLICATION_COLUMNS} FROM application WHERE applicant_id = $1::uuid AND status = 'draft'
           ORDER BY created_at DESC LIMIT 1`,
          [applicantId],
        ),
      );
    },

    /** The newest draft of a Telegram account, in one statement (the router asks on every section's first answer). */
    async findDraftOf(telegramUserId: number): Promise<Application | undefined> {
      return one(
        await sql.rows<ApplicationRow>(
          `SELECT ${APPLICATION_COLUMNS} FROM application
           WHERE status = 'draft'
             AND applicant_id = (SELECT id FROM applicant WHERE telegram_user_id = $1::bigint)
           ORDER BY created_at DESC LIMIT 1`,
          [telegramUserId],
        ),
      );
    },

    async findById(id: string): Promise<Application | undefined> {
      return one(
        await sql.rows<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM application WHERE id = $1::uuid`, [id]),
      );
    },

    /** Saves answers and where the person goes next, in one write; DraftGoneError when it is no longer a draft. */
    async saveDraft(id: string, form: DraftForm, progress?: DraftProgress): Promise<Application> {
      const valid = draftFormSchema.parse(form);
      const { iin, iinIndex } = sealedIin(cipher, valid.iin);
      const set = progress ? progressSet(progress, 5) : { clauses: [], params: [] };
      const rows = await sql.rows<ApplicationRow>(
        `UPDATE application SET form = $2, iin = $3, iin_index = $4, ${[...set.clauses, "updated_at = now()"].join(", ")}
         WHERE id = $1::uuid AND status = 'draft' RETURNING ${APPLICATION_COLUMNS}`,
        [id, cipher.sealJson("application.form", valid), iin, iinIndex, ...set.params],
      );
      const saved = one(rows);
      if (!saved) throw new DraftGoneError(`application ${id} is not a draft`);
      return saved;
    },

    /**
     * Holds the draft's row until the transaction ends: the chat and the web
     * form each lay their answers over the stored form, and two such merges
     * of one draft must take turns or one would be lost.
     */
    async lockDraft(id: string): Promise<void> {
      await sql.rows("SELECT 1 FROM application WHERE id = $1::uuid FOR UPDATE", [id]);
    },

    async setProgress(id: string, progress: DraftProgress): Promise<void> {
      const set = progressSet(progress, 2);
      const count = await sql.run(
        `UPDATE application SET ${[...set.clauses, "updated_at = now()"].join(", ")}
         WHERE id = $1::uuid AND status = 'draft'`,
        [id, ...set.params],
      );
      if (count === 0) throw new DraftGoneError(`application ${id} is not a draft`);
    },

    /** Deletes a draft and with it every answer it held. */
    async deleteDraft(id: string): Promise<void> {
      await sql.run("DELETE FROM application WHERE id = $1::uuid AND status = 'draft'", [id]);
    },

    /** The person came back to the draft: its retention period starts again. */
    async touch(id: string): Promise<void> {
      await sql.run("UPDATE application SET updated_at = now() WHERE id = $1::uuid AND status = 'draft'", [id]);
    },
  };
}
