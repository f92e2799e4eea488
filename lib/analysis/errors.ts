import { AppError } from "@/lib/errors";

/** Expected failures of the statistical core, each with a code a caller can map. */
export type AnalysisErrorCode =
  | "INVALID_TARGETS"
  | "INVALID_WEIGHT"
  | "UNKNOWN_COLUMN"
  | "UNKNOWN_VALUE"
  | "MISSING_CATEGORY"
  | "UNTARGETED_CATEGORY"
  | "EMPTY_TARGET_CATEGORY"
  | "MARGIN_TOTALS_DIFFER"
  | "RAKING_NOT_CONVERGED"
  | "WRONG_TARGETS_FOR_METHOD"
  | "SEPARATION"
  | "SINGULAR_MATRIX"
  | "INVALID_OPTIONS"
  | "NO_DATA";

export class AnalysisError extends AppError {
  constructor(
    public readonly code: AnalysisErrorCode,
    message: string,
    /** The variable (margin, column or item) the problem is about, when there is one. */
    field?: string,
    /** The category within `field`, when there is one. */
    public readonly category?: string,
  ) {
    super(code, message, field);
    this.name = "AnalysisError";
  }
}
