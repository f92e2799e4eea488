// Public API of the questionnaire engine (pure: no I/O). See README.md.
export * from "./answer-value";
export * from "./answers";
export * from "./answer-codes";
export * from "./answer-form";
export * from "./attributes";
export * from "./conditions";
export * from "./fills";
export * from "./question-options";
export * from "./registry";
export * from "./runner";
export * from "./schema";
export * from "./same-questions";
