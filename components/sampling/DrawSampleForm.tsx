"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useForm, useWatch } from "react-hook-form";
import { drawSampleAction, drawSampleFormAction, previewSampleAction } from "@/app/samples/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { Radios } from "@/components/govuk/Choices";
import { TextInput } from "@/components/govuk/TextInput";
import type { ActionResult } from "@/lib/errors";
import type { DrawResult } from "@/lib/sampling/db/draw-sample/draw-sample";
import { drawSampleSchema, type DrawSampleInput, type DrawSampleRequest } from "@/lib/sampling/schemas";
import { CES_DEFAULT_MINIMUM_INTERVIEWS, contactWords, populationWords, SAMPLE_SURVEY_NAMES, SAMPLE_SURVEYS, SURVEY_DESIGNS } from "@/lib/sampling/surveys";
import { Checkbox } from "./Checkbox";
import { StrataTable } from "./StrataTable";
import { WaterfallTable } from "./WaterfallTable";
import { formatNumber } from "@/lib/format";
import { applyToForm, summaryOf } from "@/lib/http/form-errors";

const FIELDS = ["survey", "month", "quarter", "mode", "allocation", "size", "minimumPerStratum", "fixedSizes", "seed", "topUp", "minimumInterviews"] as const;

const noSubscription = () => () => {};

/**
 * With JavaScript the form validates as you go, previews in place and shows only
 * the fields the chosen survey and allocation need. Without it (issue 18) the
 * form posts to drawSampleFormAction: every field is shown, the pressed button
 * says preview or draw, and the page comes back with the preview or the errors.
 */
export function DrawSampleForm({ defaultMonth, defaultQuarter }: { defaultMonth: string; defaultQuarter: string }) {
  const router = useRouter();
  const [posted, postForm] = useActionState(drawSampleFormAction, null);
  // False on the server and until the scripts run: then every field is shown.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [preview, setPreview] = useState<DrawResult | null>(posted?.preview ?? null);
  const [formError, setFormError] = useState<string | undefined>(posted?.failure && !posted.failure.ok ? formMessageOf(posted.failure) : undefined);
  const values = {
    survey: "CMS",
    month: defaultMonth,
    quarter: defaultQuarter,
    mode: "PHONE",
    allocation: "proportional",
    size: "",
    minimumPerStratum: "",
    fixedSizes: "",
    seed: "",
    topUp: false,
    minimumInterviews: "",
    ...posted?.values,
  } as DrawSampleInput;
  const form = useForm<DrawSampleInput, unknown, DrawSampleRequest>({
    resolver: zodResolver(drawSampleSchema),
    // GOV.UK error pattern: the error summary takes focus (ErrorSummary), not the first field.
    shouldFocusError: false,
    defaultValues: values,
    errors: postedFieldErrors(posted?.failure),
  });
  const { errors, isSubmitting } = form.formState;
  const watchedAllocation = useWatch({ control: form.control, name: "allocation" });
  const survey = useWatch({ control: form.control, name: "survey" });
  const quarterly = enhanced ? SURVEY_DESIGNS[survey]?.period === "QUARTER" : undefined;
  const allocation = enhanced ? watchedAllocation : undefined;
  const text = (field: keyof DrawSampleInput) => ({ defaultValue: String(values[field] ?? "") });
  // Choosing a survey selects its usual mode (CES: mixed); the user may change it after.
  const shownSurvey = useRef(survey);
  useEffect(() => {
    if (shownSurvey.current === survey || !SURVEY_DESIGNS[survey]) return;
    shownSurvey.current = survey;
    form.setValue("mode", SURVEY_DESIGNS[survey].defaultMode);
    setPreview(null);
  }, [survey, form]);

  function show(result: ActionResult<DrawResult>): DrawResult | null {
    if (result.ok) return result.data;
    setFormError(applyToForm(result, FIELDS, form.setError));
    return null;
  }

  // The actions parse the form's own values with the same schema (its output,
  // with the period resolved, is not its input).
  const onPreview = form.handleSubmit(async () => {
    setFormError(undefined);
    setPreview(show(await previewSampleAction(form.getValues())));
  });
  const onDraw = form.handleSubmit(async () => {
    setFormError(undefined);
    const drawn = show(await drawSampleAction(form.getValues()));
    if (drawn?.sampleId) router.push(`/samples/${drawn.sampleId}`);
  });

  const summary = summaryOf(errors, FIELDS, { formMessage: formError });
  return (
    <>
      {/* The page's title is set here, not in its metadata: a refused post without JavaScript comes back as this page, and its title starts "Error: " (GOV.UK error pattern). */}
      <title>{`${summary.length > 0 ? "Error: " : ""}Draw a sample – Fieldwork`}</title>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Draw a sample</h1>
      <form action={postForm} onSubmit={onDraw} noValidate>
        <Radios
          legendSize="s"
          id="survey"
          legend="Survey"
          error={errors.survey?.message}
          registration={form.register("survey")}
          checked={[String(values.survey)]}
          options={SAMPLE_SURVEYS.map((s) => ({
            value: s,
            label: SAMPLE_SURVEY_NAMES[s],
            ...(s === "CES" ? { hint: "Quarterly, from the CMS frame: new applications and changes of circumstances" } : {}),
          }))}
        />
        {quarterly !== false && (
          <TextInput
            id="quarter"
            label={quarterly ? "Contact quarter" : "Contact quarter (CES)"}
            hint="The calendar quarter of the clients' contact, as YYYY-Qn: 2023-Q2 is April to June 2023, the first quarter of 2023/24"
            width="10"
            autoComplete="off"
            error={errors.quarter?.message}
            registration={form.register("quarter")}
            {...text("quarter")}
          />
        )}
        {quarterly !== true && (
          <TextInput
            id="month"
            label={quarterly === false ? "Contact month" : "Contact month (CMS and Options)"}
            hint="The month of the clients' contact, as YYYY-MM, for example 2015-03"
            width="10"
            autoComplete="off"
            error={errors.month?.message}
            registration={form.register("month")}
            {...text("month")}
          />
        )}
        <Radios
          legendSize="s"
          id="mode"
          legend="How clients will be surveyed"
          error={errors.mode?.message}
          registration={form.register("mode")}
          checked={[String(values.mode)]}
          options={[
            { value: "PHONE", label: "Telephone", hint: "Clients without a phone number are excluded" },
            { value: "ONLINE", label: "Online", hint: "Clients without an email or postal address are excluded" },
            { value: "MIXED", label: "Mixed: online, then telephone", hint: "Excluded only with no phone, email or address" },
          ]}
        />
        <Radios
          legendSize="s"
          id="allocation"
          legend="Sharing the sample between strata"
          error={errors.allocation?.message}
          registration={form.register("allocation")}
          checked={[String(values.allocation)]}
          options={[
            { value: "proportional", label: "Proportional to each stratum's eligible clients" },
            { value: "minimum", label: "Proportional, with a minimum per stratum" },
            { value: "equal", label: "Equal in every stratum" },
            { value: "fixed", label: "A fixed size for each stratum" },
          ]}
        />
        {allocation !== "fixed" && (
          <TextInput
            id="size"
            label="Sample size"
            hint={allocation ? undefined : "Not needed for a fixed size for each stratum"}
            inputMode="numeric"
            width="10"
            autoComplete="off"
            error={errors.size?.message}
            registration={form.register("size")}
            {...text("size")}
          />
        )}
        {(allocation === "minimum" || !allocation) && (
          <TextInput
            id="minimumPerStratum"
            label={allocation ? "Minimum per stratum" : "Minimum per stratum (with a minimum per stratum only)"}
            inputMode="numeric"
            width="10"
            autoComplete="off"
            error={errors.minimumPerStratum?.message}
            registration={form.register("minimumPerStratum")}
            {...text("minimumPerStratum")}
          />
        )}
        {(allocation === "fixed" || !allocation) && (
          <div className={`govuk-form-group${errors.fixedSizes ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label" htmlFor="fixedSizes">
              {allocation ? "Size of each stratum" : "Size of each stratum (a fixed size for each stratum only)"}
            </label>
            <div id="fixedSizes-hint" className="govuk-hint">
              One stratum per line, as stratum,size, for example 2015-Q1|ENQUIRY|PAYING_PARENT,40. Preview first to see the strata.
            </div>
            {errors.fixedSizes?.message && (
              <p id="fixedSizes-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {String(errors.fixedSizes.message)}
              </p>
            )}
            <textarea
              className={`govuk-textarea${errors.fixedSizes ? " govuk-textarea--error" : ""}`}
              id="fixedSizes"
              rows={6}
              aria-describedby={`fixedSizes-hint${errors.fixedSizes ? " fixedSizes-error" : ""}`}
              {...form.register("fixedSizes")}
              defaultValue={String(values.fixedSizes ?? "")}
            />
          </div>
        )}
        {quarterly !== false && (
          <TextInput
            id="minimumInterviews"
            label={quarterly ? "Minimum interviews per quota cell (optional)" : "Minimum interviews per quota cell (CES, optional)"}
            hint={`Each parent type and contact reason gets a quota cell. Leave blank for the 2023/24 quarterly figures: ${Object.values(CES_DEFAULT_MINIMUM_INTERVIEWS).join(", ")}.`}
            inputMode="numeric"
            width="10"
            autoComplete="off"
            error={errors.minimumInterviews?.message}
            registration={form.register("minimumInterviews")}
            {...text("minimumInterviews")}
          />
        )}
        <TextInput
          id="seed"
          label="Seed (optional)"
          hint="The same seed on the same frame draws the same clients. Leave blank for a random seed; it is recorded with the sample."
          width="20"
          autoComplete="off"
          error={errors.seed?.message}
          registration={form.register("seed")}
          {...text("seed")}
        />
        <Checkbox
          id="topUp"
          label={`This is a top-up of the ${quarterly ? "quarter" : "month"}'s sample`}
          hint={`Draws more clients for a ${quarterly ? "quarter" : "month"} that already has a sample; clients already sampled are excluded.`}
          registration={form.register("topUp")}
        />
        <div className="govuk-button-group">
          <button
            type="submit"
            name="intent"
            value="preview"
            className="govuk-button govuk-button--secondary"
            onClick={(e) => {
              e.preventDefault();
              void onPreview();
            }}
            disabled={isSubmitting}
          >
            Preview counts
          </button>
          <button type="submit" name="intent" value="draw" className="govuk-button" disabled={isSubmitting}>
            Draw sample
          </button>
        </div>
      </form>
      {preview && (
        <section aria-labelledby="preview-heading" data-testid="preview">
          <h2 className="govuk-heading-m" id="preview-heading">
            Preview: nothing has been drawn yet
          </h2>
          <p className="govuk-body">
            {formatNumber(preview.population)} clients had {contactWords(preview.survey)} in {preview.periodLabel}; {formatNumber(preview.eligible)} are
            eligible. The draw would take {formatNumber(preview.strata.reduce((t, s) => t + s.allocated, 0))}.
          </p>
          {preview.warnings.length > 0 && (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {preview.warnings.map((w) => w.message).join(" ")}
              </strong>
            </div>
          )}
          <WaterfallTable steps={preview.waterfall} population={populationWords(preview.survey)} />
          <StrataTable strata={preview.strata} drawn={false} />
        </section>
      )}
    </>
  );
}

/** The message for the whole form in a posted failure (field messages sit on their fields). */
function formMessageOf(failure: ActionResult<unknown>): string | undefined {
  if (failure.ok) return undefined;
  const entries = Object.entries(failure.fieldErrors ?? {});
  if (entries.length === 0) return failure.message;
  return entries.find(([path]) => !(FIELDS as readonly string[]).includes(path))?.[1];
}

/** A posted failure's field messages, in react-hook-form's shape. */
function postedFieldErrors(failure: ActionResult<unknown> | undefined) {
  if (!failure || failure.ok) return undefined;
  const errors: Record<string, { type: string; message: string }> = {};
  for (const [path, message] of Object.entries(failure.fieldErrors ?? {}))
    if ((FIELDS as readonly string[]).includes(path)) errors[path] = { type: "server", message };
  return errors;
}
