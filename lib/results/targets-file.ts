// Population targets files (interchange.md §3: variable,category,population),
// checked row by row with the same {line, column, message} errors as the
// responses import, before lib/analysis turns them into margins.
import { CROSS, parseTargets, type TargetRow } from "@/lib/analysis";
import { csvRecordsFromText, type RowError } from "./response-csv";
import { RESPONDENT_COLUMNS } from "./respondent-table";
import { surveyQuestions } from "./response-columns";

export interface TargetsFile {
  readonly rows: TargetRow[];
  readonly errors: RowError[];
}

const HEADER = ["variable", "category", "population"] as const;

function knownVariable(name: string, questions: ReadonlyMap<string, unknown>): boolean {
  return (RESPONDENT_COLUMNS as readonly string[]).includes(name) || questions.has(name);
}

export async function readTargetsFile(text: string): Promise<TargetsFile> {
  const records = await csvRecordsFromText(text);
  const errors: RowError[] = [];
  const rows: TargetRow[] = [];
  if (records.length === 0) return { rows, errors: [{ line: 1, column: null, message: "The file is empty: expected variable,category,population" }] };
  const head = records[0].fields.map((f) => f.trim().toLowerCase());
  const index = HEADER.map((h) => head.indexOf(h));
  HEADER.forEach((h, i) => {
    if (index[i] < 0) errors.push({ line: 1, column: h, message: `The required column ${h} is missing` });
  });
  head.forEach((h) => {
    if (!(HEADER as readonly string[]).includes(h))
      errors.push({ line: 1, column: h, message: `Unknown column "${h}": a targets file has variable, category and population` });
  });
  if (errors.length) return { rows, errors };
  const questions = surveyQuestions();
  const seen = new Map<string, number>();
  for (const { line, fields } of records.slice(1)) {
    const err = (column: string | null, message: string) => errors.push({ line, column, message });
    if (fields.length !== head.length) {
      err(null, `The row has ${fields.length} fields; the header has ${head.length}`);
      continue;
    }
    const variable = fields[index[0]].trim();
    const category = fields[index[1]].trim();
    const popText = fields[index[2]].trim();
    const before = errors.length;
    const parts = variable.split(CROSS);
    if (!variable) err("variable", "variable is required");
    else
      for (const p of parts)
        if (!knownVariable(p, questions))
          err("variable", `Unknown variable "${p}": expected one of ${RESPONDENT_COLUMNS.join(", ")} or a question id, crossed with *`);
    if (!category) err("category", "category is required");
    else if (variable && category.split(CROSS).length !== parts.length)
      err("category", `Category ${category} needs one part per variable of ${variable}, joined with *`);
    const population = Number(popText);
    if (!popText || !Number.isFinite(population) || population <= 0) err("population", `population "${popText}" is not a positive number`);
    const key = `${variable}|${category}`;
    if (variable && category && seen.has(key)) err("category", `${variable} = ${category} is already on line ${seen.get(key)}`);
    else seen.set(key, line);
    if (errors.length === before) rows.push({ variable, category, population });
  }
  if (!errors.length && rows.length === 0) errors.push({ line: 2, column: null, message: "The file has no targets" });
  if (!errors.length) parseTargets(rows); // whole-file checks (throws AnalysisError)
  return { rows, errors };
}
