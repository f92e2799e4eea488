import ExcelJS from "exceljs";
import { csvLine, csvSafe } from "@/lib/sampling/csv-safe";

// One or more tables as CSV or XLSX (the control room's and the results' downloads). Every text cell goes through csvSafe (lib/sampling)
// so a spreadsheet never runs it as a formula.

export type ExportFormat = "csv" | "xlsx";
export type ExportCell = string | number | null;
export interface ExportSheet {
  name: string;
  header: string[];
  rows: ExportCell[][];
}

/** One sheet as CSV; several as one CSV with each sheet's name on a line before it and a blank line after. */
export function toCsv(sheet: ExportSheet | ExportSheet[]): Buffer {
  const sheets = Array.isArray(sheet) ? sheet : [sheet];
  const lines: string[] = [];
  for (const s of sheets) {
    if (sheets.length > 1) lines.push(csvLine([s.name]));
    lines.push(csvLine(s.header), ...s.rows.map((r) => csvLine(r)));
    if (sheets.length > 1) lines.push("");
  }
  return Buffer.from(lines.join("\r\n") + "\r\n", "utf8");
}

export async function toXlsx(sheets: ExportSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Fieldwork";
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((c) => (typeof c === "string" ? csvSafe(c) : c)));
    ws.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
