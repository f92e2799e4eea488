/**
 * lib/analysis: the pure statistical core of Fieldwork's results (no I/O).
 * Respondents in columns -> a weighted design -> estimates with linearised SEs,
 * sub-group tests and key drivers, to the standard of R's survey package.
 */
export { respondentsFromRows, factorFor, crossFactors, allocateCodes, NO_VALUE, CROSS } from "./data";
export type { Respondents, Factor, CodeArray, ColumnSpec } from "./data";
export { parseTargets, targetRowSchema } from "./targets";
export type { Targets, Margin, TargetRow } from "./targets";
export { buildDesign, marginCodes } from "./weighting";
export type { WeightingSpec } from "./weighting";
export type { SurveyDesign, WeightDiagnostics, WeightingMethod, SamplingStrata } from "./design";
export { DEFAULT_RAKE_TOLERANCE, DEFAULT_RAKE_MAX_ITERATIONS } from "./raking";
export type { RakeOptions, TrimBounds } from "./raking";
export { ratio, domainRatios, answerShares, formatEstimate, DEFAULT_MINIMUM_BASE, DEFAULT_CAUTION_BASE } from "./estimates";
export type { Estimate, RatioEstimate, ReportingRules, Statistic, Domain } from "./estimates";
export { weightedResiduals, ratioResiduals, varianceOfTotal, varianceOfDifference, covarianceOfTotals } from "./linearisation";
export { measureVariables, satisfactionRate, agreement, SATISFIED, AGREE } from "./measures";
export type { MeasureSpec, MeasureVariables } from "./measures";
export { testDifference, SIGNIFICANCE_LEVEL } from "./differences";
export type { DifferenceTest } from "./differences";
export { computeResults, distribution } from "./results";
export type { MeasureEstimateSpec, Results } from "./results";
export { keyDrivers, KEY_DRIVERS_METHOD } from "./drivers";
export type { KeyDriversRequest, KeyDriversResult, Driver, BinaryCoding } from "./drivers";
export { normalCdf, erfc, twoSidedP, Z_975 } from "./normal";
export { AnalysisError } from "./errors";
export type { AnalysisErrorCode } from "./errors";
