"use client";
import { useActionState } from "react";
import { revealPhoneAction } from "@/app/interviewer/actions";
import { formatUkPhone } from "@/lib/cati/phone";

/**
 * The phone number stays off the page until the interviewer holding the case
 * asks for it; each reveal is audited. A plain form: without JavaScript the
 * page comes back with the number.
 */
export function PhoneReveal({ caseId }: { caseId: string }) {
  const [result, action, pending] = useActionState(revealPhoneAction, null);
  const phone = result?.ok ? result.data : undefined;
  return (
    <div className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">Phone number</h2>
      <div aria-live="polite">
        {phone ? (
          <p className="govuk-heading-l" data-testid="phone-number">
            <a className="govuk-link" href={`tel:${phone}`}>
              {formatUkPhone(phone)}
            </a>
          </p>
        ) : (
          result && !result.ok && <p className="govuk-error-message">{result.message}</p>
        )}
      </div>
      {!phone && (
        <form action={action}>
          <input type="hidden" name="caseId" value={caseId} />
          <p className="govuk-body">Each time you show the number, it is recorded in the audit log.</p>
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={pending}>
            Show phone number
          </button>
        </form>
      )}
    </div>
  );
}
