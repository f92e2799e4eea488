import { useId, type ReactNode } from "react";

/**
 * GOV.UK notification banner: "Success" after an action that worked (role
 * status, so a screen reader hears it), or "Important" for something the user
 * needs to know.
 */
export function NotificationBanner({ success, heading, children }: { success?: boolean; heading: ReactNode; children?: ReactNode }) {
  const titleId = useId();
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "status" : "region"}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {success ? "Success" : "Important"}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
