/** The respondents' public pages: no staff sign-in, no staff navigation, no Referer sent onwards. */
export function isRespondentPath(path: string): boolean {
  return path === "/start" || path.startsWith("/s/") || path === "/survey" || path.startsWith("/survey/");
}
