import type { ReactNode } from "react";

/** A page whose feature is still to come: says plainly what will be here. */
export function Placeholder({ title, caption, children }: { title: string; caption: string; children: ReactNode }) {
  return (
    <>
      <span className="govuk-caption-l">{caption}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-inset-text">This part of Fieldwork is not built yet. Nothing on this page is live data.</div>
      {children}
    </>
  );
}
