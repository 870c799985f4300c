// Every column that holds sealed personal data, by table: what rotation walks
// and what the migration to encryption sealed. A new personal-data column is
// added here and to SealedColumn (field-cipher.ts), and sealed in its repository.
import type { BlindIndexName, SealedColumn } from "./field-cipher.ts";

export type SealedTable = {
  table: string;
  /** The primary key column and its SQL type (rows are walked in its order). */
  key: { column: string; type: "uuid" | "bigint" | "varchar" };
  columns: SealedColumn[];
  /** Blind indexes kept beside a sealed column. */
  indexes: Array<{ column: string; of: SealedColumn; index: BlindIndexName }>;
};

export const sealedTables: SealedTable[] = [
  {
    table: "applicant",
    key: { column: "id", type: "uuid" },
    columns: ["applicant.iin", "applicant.phone"],
    indexes: [{ column: "iin_index", of: "applicant.iin", index: "iin" }],
  },
  {
    table: "application",
    key: { column: "id", type: "uuid" },
    columns: ["application.iin", "application.form"],
    indexes: [{ column: "iin_index", of: "application.iin", index: "iin" }],
  },
  { table: "otp_challenge", key: { column: "id", type: "uuid" }, columns: ["otp_challenge.phone"], indexes: [] },
  {
    table: "conversation_state",
    key: { column: "key", type: "varchar" },
    columns: ["conversation_state.value", "conversation_state.pending", "conversation_state.prompt"],
    indexes: [],
  },
  {
    table: "inbound_update",
    key: { column: "update_id", type: "bigint" },
    columns: ["inbound_update.payload"],
    indexes: [],
  },
  {
    table: "appeal",
    key: { column: "id", type: "uuid" },
    columns: ["appeal.content", "appeal.iin"],
    indexes: [{ column: "iin_index", of: "appeal.iin", index: "iin" }],
  },
  {
    table: "complaint",
    key: { column: "id", type: "uuid" },
    columns: [
      "complaint.subject",
      "complaint.late_reason",
      "complaint.essence",
      "complaint.full_name",
      "complaint.iin",
      "complaint.phone",
    ],
    indexes: [{ column: "iin_index", of: "complaint.iin", index: "iin" }],
  },
];

/** The column's own name ("application.form" → "form"). */
export function columnName(column: SealedColumn): string {
  return column.slice(column.indexOf(".") + 1);
}
