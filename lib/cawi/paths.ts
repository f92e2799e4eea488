/** The respondents' public pages: no staff sign-in, no staff navigation, no Referer sent onwards. */
export function isRespondentPath(path: string): boolean {
  // /f/<token> and /feedback: real-time feedback (issue 14, lib/feedback)
  return (
    path === "/start" ||
    path.startsWith("/f/") ||
    path === "/feedback" ||
    path.startsWith("/feedback/") ||
    path.startsWith("/s/") ||
    path === "/survey" ||
    path.startsWith("/survey/")
  );
}
