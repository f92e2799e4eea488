import Link from "next/link";
import { PAGES, can } from "@/lib/auth/permissions";
import { ROLE_LABEL } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "./SignOutButton";

/** GOV.UK service navigation: the service name and the pages this role may open. */
export function ServiceNavigation({ user, currentPath, csrfToken }: { user: SessionUser | null; currentPath: string; csrfToken: string }) {
  const items = user ? PAGES.filter((p) => p.nav && can(user.role, p.permission)) : [];
  return (
    <section className="govuk-service-navigation" aria-label="Service information" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link href="/" className="govuk-service-navigation__link">
              Fieldwork
            </Link>
          </span>
          {items.length > 0 && (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <button type="button" className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden>
                Menu
              </button>
              <ul className="govuk-service-navigation__list" id="navigation">
                {items.map((item) => {
                  const active = currentPath === item.path || currentPath.startsWith(`${item.path}/`);
                  return (
                    <li key={item.path} className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}>
                      <Link className="govuk-service-navigation__link" href={item.path} aria-current={active ? "page" : undefined}>
                        {active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          )}
          {user && (
            <div className="fw-account">
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                {user.name} <span className="govuk-tag govuk-tag--grey">{ROLE_LABEL[user.role]}</span>
              </p>
              <SignOutButton csrfToken={csrfToken} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
