"use client";
import { useActionState } from "react";
import { createApiKeyAction } from "@/app/admin/api-keys/actions";
import { Checkboxes, ErrorSummary, TextInput } from "@/components/govuk";
import { formErrors } from "@/lib/http/form-errors";

const SCOPES = [{ value: "CONTACTS_WRITE", label: "Post contacts (POST /api/contacts)", hint: "For CMS's contact systems reporting each contact as it ends" }];

/** Creating a key: a plain form post (works without JavaScript); the key is shown once, in the answer to the post. */
export function NewApiKeyForm() {
  const [state, action, pending] = useActionState(createApiKeyAction, null);
  const { summary, fields } = formErrors(state);
  return (
    <>
      {state?.ok && (
        <div className="govuk-panel govuk-panel--confirmation fw-wrap-anywhere" role="status">
          <h2 className="govuk-panel__title">API key created: {state.data.name}</h2>
          <div className="govuk-panel__body">
            <p className="govuk-body govuk-!-margin-bottom-1">Copy the key now: it will not be shown again.</p>
            <code data-testid="new-api-key">{state.data.key}</code>
          </div>
        </div>
      )}
      <ErrorSummary errors={summary} />
      <h2 className="govuk-heading-m">Create an API key</h2>
      <form action={action} noValidate>
        <TextInput id="name" name="name" label="Name" hint="The system that will use it, such as CMS telephony contact feed" error={fields.name} width="30" />
        <Checkboxes id="scopes" name="scopes" legend="What the key may do" legendSize="s" options={SCOPES} error={fields.scopes} checked={["CONTACTS_WRITE"]} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Create the key
        </button>
      </form>
    </>
  );
}
