// One schema per upload operation, used by the server actions (and the forms' field names).
import { z } from "zod";
import { checkboxField } from "@/lib/http/param-schemas";

const csvFile = z
  .instanceof(File, { message: "Choose a CSV file" })
  .refine((f) => f.size > 0, "Choose a CSV file")
  .refine((f) => f.size <= 100 * 1024 * 1024, "The file must be smaller than 100 MB");

export const importResponsesSchema = z.object({
  file: csvFile,
  strict: checkboxField,
});

export const saveTargetSetSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for these targets").max(60, "The name must be 60 characters or fewer"),
  file: csvFile,
});
