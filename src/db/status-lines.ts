// What a person's /status lists: their sent applications, appeals and
// complaints, with only the columns a line shows. Reading whole rows (as the
// other repositories do) opened and validated every application's form and
// every appeal's text only to print a number, a status and dates: most of
// the command's cost with many applications. Only the IIN is opened, for the
// Russian wording by sex, once per distinct IIN (its blind index), not once
// per application. Raw SQL on the driver, like the other per-person hot
// paths (src/db/sql-client.ts).
import type { Appeal } from "../domain/appeal.ts";
import type { Application } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import { type Sex, sexOfIin } from "../domain/iin.ts";
import type { FieldCipher } from "./field-cipher.ts";
import type { SqlClient } from "./sql-client.ts";

/** `applicantSex`, from the application's IIN: Russian words "registered" by it. */
export type StatusApplication = Pick<Application, "number" | "status" | "dueDate"> & {
  applicantSex: Sex | undefined;
  /** When it was sent (created, for a row without the time of sending). */
  submittedAt: Date;
};
export type StatusAppeal = Pick<Appeal, "number" | "status" | "receivedAt" | "dueDate" | "extendedTo">;
export type StatusComplaint = Pick<Complaint, "number" | "status" | "receivedAt" | "dueDate">;

/** Newest first in each list; all empty for someone who never wrote to the bot. */
export type StatusLines = {
  applications: StatusApplication[];
  appeals: StatusAppeal[];
  complaints: StatusComplaint[];
};

type ApplicationLineRow = {
  number: string | null;
  status: Application["status"];
  dueDate: string | null;
  sentAt: Date;
  iin: string | null;
  iinIndex: string | null;
};

const OF_PERSON = "applicant_id = (SELECT id FROM applicant WHERE telegram_user_id = $1::bigint)";

export type StatusLinesRepository = ReturnType<typeof createStatusLinesRepository>;

export function createStatusLinesRepository(sql: SqlClient, cipher: FieldCipher) {
  /** The sex of each distinct IIN, each sealed IIN opened once. */
  const sexes = (rows: ApplicationLineRow[]) => {
    const byIndex = new Map<string, Sex | undefined>();
    for (const row of rows) {
      if (row.iin === null || row.iinIndex === null || byIndex.has(row.iinIndex)) continue;
      byIndex.set(row.iinIndex, sexOfIin(cipher.open("application.iin", row.iin)));
    }
    return byIndex;
  };

  return {
    async of(telegramUserId: number): Promise<StatusLines> {
      // Three independent reads: on PostgreSQL they run side by side on the pool.
      const [applications, appeals, complaints] = await Promise.all([
        sql.rows<ApplicationLineRow>(
          `SELECT number, status::text AS status, due_date AS "dueDate",
                  coalesce(submitted_at, created_at) AS "sentAt", iin, iin_index AS "iinIndex"
             FROM application WHERE ${OF_PERSON} AND status <> 'draft'
            ORDER BY submitted_at DESC`,
          [telegramUserId],
        ),
        sql.rows<StatusAppeal>(
          `SELECT number, status::text AS status, received_at AS "receivedAt", due_date AS "dueDate",
                  extended_to AS "extendedTo"
             FROM appeal WHERE ${OF_PERSON} ORDER BY received_at DESC`,
          [telegramUserId],
        ),
        sql.rows<StatusComplaint>(
          `SELECT number, status::text AS status, received_at AS "receivedAt", due_date AS "dueDate"
             FROM complaint WHERE ${OF_PERSON} ORDER BY received_at DESC`,
          [telegramUserId],
        ),
      ]);
      const sexOf = sexes(applications);
      return {
        applications: applications.map((row) => ({
          number: row.number,
          status: row.status,
          dueDate: row.dueDate,
          submittedAt: row.sentAt,
          applicantSex: row.iinIndex === null ? undefined : sexOf.get(row.iinIndex),
        })),
        appeals,
        complaints,
      };
    },
  };
}
