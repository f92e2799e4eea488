/** The respondents' header: the survey's name, nothing a respondent could not use (no staff navigation or sign-in). */
export function RespondentHeader() {
  return (
    <section className="govuk-service-navigation" aria-label="Service information" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <span className="govuk-service-navigation__text">Child Maintenance customer survey</span>
          </span>
        </div>
      </div>
    </section>
  );
}
