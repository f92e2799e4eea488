import { Button, ErrorSummary, TextInput } from "@/components/govuk";
import { surveyTitle } from "../survey/titles";
import { enterAccessCode } from "./actions";

const ERRORS: Record<string, string> = {
  empty: "Enter the access code from your letter",
  wrong: "We could not find a survey for that access code. Check the code in your letter and try again",
  busy: "You have tried too many times. Wait 10 minutes and try again",
};

export async function generateMetadata({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return surveyTitle(`${error && ERRORS[error] ? "Error: " : ""}Start the survey`);
}

export default async function StartPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error: code } = await searchParams;
  const error = code ? ERRORS[code] : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={error ? [{ field: "accessCode", message: error }] : []} />
        <form action={enterAccessCode} noValidate>
          <TextInput
            id="accessCode"
            name="accessCode"
            label="Enter the access code from your letter"
            labelAsHeading
            hint="It is 12 letters and numbers, for example ACDE-FGHJ-KMNP. You can type it with or without the dashes."
            error={error}
            className="govuk-input--width-20"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
          />
          <Button>Continue</Button>
        </form>
        <p className="govuk-body">If you received an email or a text message, use the link in it instead.</p>
      </div>
    </div>
  );
}
