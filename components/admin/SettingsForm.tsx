import type { z } from "zod";
import { Button, ErrorSummary, NotificationBanner, TextInput } from "@/components/govuk";

export interface SettingField {
  label: string;
  hint: string;
  width: "2" | "3" | "5";
  /** a whole number (numeric keyboard on phones); otherwise free text such as a time */
  numeric: boolean;
}

/**
 * An administrator's settings page (online survey follow-up, real-time feedback):
 * one text input a setting, posted as a plain form. An invalid post comes back
 * with `invalid=1` and what was typed in the query; the same zod schema the
 * server action used gives the messages here.
 */
export function SettingsForm<F extends string>({
  title,
  lead,
  fields,
  labels,
  schema,
  current,
  query,
  action,
}: {
  title: string;
  lead: string;
  fields: readonly F[];
  labels: Record<F, SettingField>;
  schema: z.ZodType;
  current: Record<F, unknown>;
  query: Record<string, string | undefined>;
  action: (formData: FormData) => Promise<void>;
}) {
  const typed = query.invalid ? (Object.fromEntries(fields.map((f) => [f, query[f] ?? ""])) as Record<F, string>) : null;
  const errors: Partial<Record<string, string>> = {};
  if (typed) for (const issue of schema.safeParse(typed).error?.issues ?? []) errors[String(issue.path[0])] ??= issue.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {Object.keys(errors).length > 0 && <ErrorSummary errors={fields.filter((f) => errors[f]).map((f) => ({ field: f, message: errors[f]! }))} />}
        {query.saved && <NotificationBanner success heading={`${title} saved`} />}
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{lead}</p>
        <form action={action} method="post" noValidate>
          {fields.map((f) => (
            <TextInput
              key={f}
              id={f}
              name={f}
              label={labels[f].label}
              hint={labels[f].hint}
              error={errors[f]}
              width={labels[f].width}
              inputMode={labels[f].numeric ? "numeric" : undefined}
              defaultValue={typed ? typed[f] : String(current[f])}
            />
          ))}
          <Button>Save settings</Button>
        </form>
      </div>
    </div>
  );
}
