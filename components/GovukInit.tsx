"use client";
import { useEffect } from "react";

/** Turns on GOV.UK Frontend's JavaScript enhancements (menu toggle etc.). Pages work without it. */
export function GovukInit() {
  useEffect(() => {
    document.body.classList.add("govuk-frontend-supported");
    void import("govuk-frontend").then(({ initAll }) => initAll());
  }, []);
  return null;
}
