// Small sampling frames for the database and browser tests: each test builds
// the rows it needs, with unique client refs.

import { GENERATED_FRAME_HEADER } from "../frame/generate";

export interface TestClient {
  ref: string;
  service?: "CMS" | "OPTIONS";
  role?: string;
  reason?: string;
  date: string;
  english?: "Y" | "N";
  pv?: "Y" | "N";
  consent?: "Y" | "N";
  address?: "Y" | "N";
  phone?: string;
  email?: string;
  dnc?: "Y" | "N" | "";
  /** csa_closure_letter */
  csa?: "Y" | "N";
  /** service_start_date, YYYY-MM-DD */
  serviceStart?: string;
  title?: string;
  firstName?: string;
  lastName?: string;
}

const COLUMNS = GENERATED_FRAME_HEADER.split(",");

/** One frame row in GENERATED_FRAME_HEADER order; defaults make an eligible CMS phone client. */
export function frameLine(c: TestClient): string {
  const service = c.service ?? "CMS";
  const values: Record<string, string> = {
    client_ref: c.ref,
    service,
    role: c.role ?? (service === "CMS" ? "RECEIVING_PARENT" : "MAIN_CARE"),
    contact_reason: c.reason ?? "NEW_APPLICATION",
    contact_date: c.date,
    english_speaking: c.english ?? "Y",
    potentially_violent: c.pv ?? "N",
    research_consent: c.consent ?? "Y",
    has_address: c.address ?? "Y",
    phone: c.phone ?? "07700 900123",
    email: c.email ?? "",
    do_not_contact: c.dnc ?? "N",
    age_band: "",
    gender: "",
    service_start_date: c.serviceStart ?? "",
    payment_method: "",
    csa_closure_letter: c.csa ?? "",
    title: c.title ?? "",
    first_name: c.firstName ?? "",
    last_name: c.lastName ?? "",
  };
  return COLUMNS.map((col) => values[col]).join(",");
}

export function frameCsv(clients: readonly TestClient[], extraLines: readonly string[] = []): string {
  return [GENERATED_FRAME_HEADER, ...clients.map(frameLine), ...extraLines].join("\n") + "\n";
}

/** A prefix unique to one test, so clients never collide between tests. */
export function uniquePrefix(label: string): string {
  return `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.replace(/[^A-Za-z0-9_-]/g, "");
}

export async function* textStream(text: string): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += 7_000) yield bytes.subarray(i, i + 7_000);
}
