import { catiCaseStateSchema, freshCaseState, type CatiCaseState } from "../case-state";
import { isDispositionCode } from "../dispositions";

/** The scheduler's state of a case row: its stored JSON, or a fresh state from the columns for a case never called. */
export function caseStateOfRow(row: { catiState: unknown; attempts: number; disposition: string }): CatiCaseState {
  if (row.catiState !== null && row.catiState !== undefined) return catiCaseStateSchema.parse(row.catiState);
  const fresh = freshCaseState();
  return { ...fresh, attempts: row.attempts, disposition: isDispositionCode(row.disposition) ? row.disposition : fresh.disposition };
}

/** JSON for the catiState column (dates as ISO strings, read back by catiCaseStateSchema). */
export function caseStateJson(state: CatiCaseState) {
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}
