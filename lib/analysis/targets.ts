/**
 * Population targets for weighting (interchange §3): `variable,category,population`
 * rows. One variable (possibly a cross `a*b`) is cell post-stratification; several
 * variables are margins to rake to.
 */
import { z } from "zod";
import { AnalysisError } from "./errors";

export const targetRowSchema = z.object({
  variable: z.string().trim().min(1),
  category: z.string().trim().min(1),
  population: z.coerce.number().refine((v) => Number.isFinite(v) && v > 0, "population must be a positive number"),
});

export type TargetRow = z.input<typeof targetRowSchema>;

export interface Margin {
  readonly variable: string;
  /** category label -> population, in file order. */
  readonly populations: ReadonlyMap<string, number>;
}

export interface Targets {
  readonly margins: readonly Margin[];
}

/** Validates target rows; every problem is reported with its row number (1 = first data row). */
export function parseTargets(rows: readonly TargetRow[]): Targets {
  const byVariable = new Map<string, Map<string, number>>();
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const parsed = targetRowSchema.safeParse(row);
    if (!parsed.success) {
      problems.push(`row ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
      return;
    }
    const { variable, category, population } = parsed.data;
    const m = byVariable.get(variable) ?? new Map<string, number>();
    byVariable.set(variable, m);
    if (m.has(category)) problems.push(`row ${i + 1}: ${variable} = ${category} appears twice`);
    else m.set(category, population);
    const parts = variable.split("*").length;
    if (category.split("*").length !== parts) {
      problems.push(`row ${i + 1}: category ${category} does not have one part per variable of ${variable}`);
    }
  });
  if (problems.length) throw new AnalysisError("INVALID_TARGETS", `Invalid population targets: ${problems.join("; ")}`);
  if (byVariable.size === 0) throw new AnalysisError("INVALID_TARGETS", "The targets file has no rows");
  return { margins: [...byVariable].map(([variable, populations]) => ({ variable, populations })) };
}
