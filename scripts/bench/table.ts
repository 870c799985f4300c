// A plain text table for the terminal: a title, a header row, rows.

export type Cell = string | number | null | undefined;

export function printTable(title: string, header: string[], rows: Cell[][], notes: string[] = []): void {
  const text = rows.map((row) => row.map(show));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? "").length)));
  // Figures right-aligned, words left-aligned.
  const numeric = header.map((_, i) => rows.every((row) => typeof row[i] !== "string"));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (numeric[i] && i > 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of text) console.log(line(row).trimEnd());
  for (const note of notes) console.log(`  ${note}`);
}

function show(cell: Cell): string {
  if (cell === null || cell === undefined) return "n/a";
  if (typeof cell === "number") return Number.isInteger(cell) ? cell.toLocaleString("en-US") : String(cell);
  return cell;
}
