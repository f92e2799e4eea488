import pino, { type LoggerOptions } from "pino";
import { processEnv } from "@/lib/env";
import { redactForLog, scrubText } from "./log-redact";

/**
 * Nothing personal or secret reaches a log line (lib/log-redact.ts): such keys
 * are dropped at any depth, errors are cut to type, code, first lines and stack,
 * and emails and phone numbers are scrubbed from every string, the message included.
 */
export const logOptions: LoggerOptions = {
  level: processEnv().LOG_LEVEL,
  base: { service: "fieldwork" },
  serializers: { err: (error: unknown) => redactForLog(error) },
  formatters: { log: (object) => redactForLog(object) as Record<string, unknown> },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>);
    },
  },
};

/** Structured JSON logs on stdout; one logger for the whole app. */
export const log = pino(logOptions);
