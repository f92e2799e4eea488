"use client";
import { useState } from "react";
import { revealPhoneAction } from "@/app/interviewer/actions";

/** The phone number stays off the page until the interviewer holding the case asks for it; each reveal is audited. */
export function PhoneReveal({ caseId }: { caseId: string }) {
  const [phone, setPhone] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function reveal() {
    setPending(true);
    setError(undefined);
    const result = await revealPhoneAction({ caseId });
    setPending(false);
    if (result.ok) setPhone(result.data);
    else setError(result.message);
  }

  return (
    <div className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">Phone number</h2>
      <div aria-live="polite">
        {phone ? (
          <p className="govuk-heading-l" data-testid="phone-number">
            {phone}
          </p>
        ) : (
          error && <p className="govuk-error-message">{error}</p>
        )}
      </div>
      {!phone && (
        <>
          <p className="govuk-body">Each time you show the number, it is recorded in the audit log.</p>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={reveal} disabled={pending}>
            Show phone number
          </button>
        </>
      )}
    </div>
  );
}
