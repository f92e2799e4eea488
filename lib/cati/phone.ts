/**
 * A UK phone number as people read and dial it: E.164 from the frame
 * (+447700900123) shown in the national format with the usual groups
 * (07700 900123, 020 7946 0018, 0300 123 4567, 01632 960123). Numbers that are not
 * UK numbers are shown as stored. The tel: link keeps the E.164 form.
 */
export function formatUkPhone(e164: string): string {
  const m = /^\+44(\d{9,10})$/.exec(e164);
  if (!m) return e164;
  const national = `0${m[1]}`;
  if (national.length !== 11) return national;
  // 02x: two-digit area code (London 020, Cardiff 029, ...): 3-4-4
  if (national.startsWith("02")) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  // 03, 08, 09 non-geographic: 4-3-4
  if (/^0[389]/.test(national)) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  // mobiles (07) and most geographic numbers (01): 5-6
  return `${national.slice(0, 5)} ${national.slice(5)}`;
}
