import pino from "pino";
import { processEnv } from "@/lib/env";

/** Structured JSON logs on stdout; one logger for the whole app. */
export const log = pino({
  level: processEnv().LOG_LEVEL,
  base: { service: "fieldwork" },
  redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "phone", "*.phone", "email", "*.email"], remove: true },
});
