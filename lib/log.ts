import pino from "pino";

/** Structured JSON logs on stdout; one logger for the whole app. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "fieldwork" },
  redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "phone", "*.phone", "email", "*.email"], remove: true },
});
