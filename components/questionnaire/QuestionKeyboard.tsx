"use client";
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

interface Props {
  /** changes with each new screen: focus then moves to the question heading */
  screenKey: string;
  /** false when an error summary should keep focus instead */
  focusHeading?: boolean;
  children: ReactNode;
}

const TYPING = "textarea, select, input:not([type=radio]):not([type=checkbox])";
const ACTIVATES_ON_ENTER = "a, button, summary, select, textarea, input[type=submit], input[type=button]";

/**
 * Keyboard use of a question form (an enhancement: without JavaScript the form
 * is an ordinary form). While focus is inside the screen: a number key selects
 * the answer showing that number, D, N and R don't know, not applicable and
 * refused (toggling it in a multiple-choice list), Enter
 * continues (Ctrl+Enter in a text box), and each new screen moves focus to the
 * question heading. Shortcuts are active only while focus is within the
 * question, as WCAG 2.1.4 (character key shortcuts) requires.
 */
export function QuestionKeyboard({ screenKey, focusHeading = true, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusHeading) ref.current?.querySelector<HTMLElement>("[data-question-heading]")?.focus();
  }, [screenKey, focusHeading]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const form = ref.current?.querySelector("form");
    if (!form) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.matches("textarea")) {
      event.preventDefault();
      form.requestSubmit(form.querySelector<HTMLElement>("[data-continue]"));
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (/^[0-9dnr]$/i.test(event.key) && !target.matches(TYPING)) {
      // answer-form.ts SPECIAL_KEYS: D don't know, N not applicable, R refused, on every screen
      const input = form.querySelector<HTMLInputElement>(`input[data-key="${event.key.toUpperCase()}"]:not(:disabled)`);
      if (!input) return;
      event.preventDefault();
      // click() rather than setting .checked: fires the events GOV.UK Frontend's
      // exclusive checkboxes listen to, and toggles a checkbox.
      input.click();
      input.focus();
      return;
    }
    if (event.key === "Enter" && !target.matches(ACTIVATES_ON_ENTER)) {
      event.preventDefault();
      form.requestSubmit(form.querySelector<HTMLElement>("[data-continue]"));
    }
  }

  return (
    // Key handling for the question inside: its controls remain ordinary focusable inputs.
    <div ref={ref} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
