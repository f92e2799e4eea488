// Public API of telephone fieldwork's pure core (no I/O; the clock is passed in). See README.md.
export * from "./bank-holidays";
export * from "./calendar";
export * from "./case-state";
export * from "./dispositions";
export * from "./outcomes";
export * from "./rates";
export * from "./schedule";
export * from "./settings";
export * from "./quotas";
