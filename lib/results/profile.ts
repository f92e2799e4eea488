// What a completed fieldwork interview brings to the results' profile columns
// that the frame does not hold as a code.

/**
 * A fieldwork respondent's length of service use (the CES raking margin
 * service_length, interchange.md §2) from the frame's service_start_date
 * (interchange.md §1), measured at the contact the sample drew: under a year
 * LT1Y, one to three years 1-3Y, over three years GT3Y. Null without a start
 * date, or with one after the contact.
 */
export function serviceLengthBand(serviceStart: Date | null, contactDate: Date): "LT1Y" | "1-3Y" | "GT3Y" | null {
  if (!serviceStart || serviceStart.getTime() > contactDate.getTime()) return null;
  const yearsLater = (n: number) => Date.UTC(serviceStart.getUTCFullYear() + n, serviceStart.getUTCMonth(), serviceStart.getUTCDate());
  if (contactDate.getTime() < yearsLater(1)) return "LT1Y";
  if (contactDate.getTime() <= yearsLater(3)) return "1-3Y";
  return "GT3Y";
}
