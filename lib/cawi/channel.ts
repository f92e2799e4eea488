// Which channel an online invitation can take (issue 13): email when the client
// has an email address, else a text message to a UK mobile, else a letter when
// the service holds an address (push-to-web). The frame carries has_address only
// (interchange.md §1), not the address: the mail house merges it by client_ref.

export const CHANNELS = ["EMAIL", "SMS", "LETTER"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ContactDetails {
  email: string | null;
  phone: string | null;
  hasAddress: boolean;
}

/** A UK mobile number in E.164 (the frame stores phones as E.164). */
export function isUkMobile(phone: string | null): boolean {
  return phone !== null && /^\+447\d{9}$/.test(phone);
}

export type ChannelChoice = { ok: true; channel: Channel } | { ok: false; reason: "NO_EMAIL" | "NO_MOBILE" | "NO_ADDRESS" | "NO_CONTACT_DETAILS" };

export function channelFor(client: ContactDetails, requested?: Channel): ChannelChoice {
  const can: Record<Channel, boolean> = { EMAIL: !!client.email, SMS: isUkMobile(client.phone), LETTER: client.hasAddress };
  if (requested) {
    if (can[requested]) return { ok: true, channel: requested };
    return { ok: false, reason: requested === "EMAIL" ? "NO_EMAIL" : requested === "SMS" ? "NO_MOBILE" : "NO_ADDRESS" };
  }
  const first = CHANNELS.find((c) => can[c]);
  return first ? { ok: true, channel: first } : { ok: false, reason: "NO_CONTACT_DETAILS" };
}
