import type { ButtonHTMLAttributes } from "react";

/** GOV.UK button. Inside a plain <form> it submits without JavaScript; name/value tell the server which button. */
export function Button({
  variant = "primary",
  className,
  children,
  type = "submit",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "warning" | "start" }) {
  const classes = [
    "govuk-button",
    variant === "secondary" && "govuk-button--secondary",
    variant === "warning" && "govuk-button--warning",
    variant === "start" && "govuk-button--start",
    className,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <button type={type} className={classes} data-module="govuk-button" {...rest}>
      {children}
      {variant === "start" && (
        <svg
          className="govuk-button__start-icon"
          xmlns="http://www.w3.org/2000/svg"
          width="17.5"
          height="19"
          viewBox="0 0 33 40"
          aria-hidden="true"
          focusable="false"
        >
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      )}
    </button>
  );
}
