/**
 * The one source of "now" (issue 19). Every operation whose result depends on
 * the time takes a `now` option and falls back to currentTime(), so a test that
 * fixes the time fixes it all the way down: the interview, a break-off, an
 * outcome, the quota counts and the stored answers. Nothing else in lib/, app/
 * or components/ calls `new Date()` or `Date.now()` for the current time (an
 * ESLint rule holds this; CI also runs the unit and database tests with the
 * system clock moved, so a test that reads the real clock fails there).
 */
export function currentTime(): Date {
  // eslint-disable-next-line no-restricted-syntax -- the single place the wall clock is read
  return new Date();
}

/** Milliseconds since the epoch, for durations and cache ages. */
export function currentMillis(): number {
  // eslint-disable-next-line no-restricted-syntax -- the single place the wall clock is read
  return Date.now();
}
