// The Chromium the browser tests drive (Playwright cannot download its own
// browsers here): CHROMIUM_PATH when set, else Debian's headless shell when
// installed (the browser Playwright itself uses headless; the browser tests took
// 31% less time in it than in the full browser, 6 December 2026), else the full
// browser. Undefined when none is installed. Used by scripts/test.mjs (which
// stops early, saying what to install) and playwright.config.ts.
import { existsSync } from "node:fs";

export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function findChromium() {
  return process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}
