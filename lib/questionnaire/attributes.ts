import { z } from "zod";
import { CLIENT_ROLE_CODES, CONTACT_REASONS, PAYMENT_METHODS, SERVICES } from "@/lib/interchange/codes";

// Case attributes that routing conditions and fills read. Values are the
// interchange codes (interchange.md §1) so a sample case maps across unchanged.

export { CONTACT_REASONS, PAYMENT_METHODS, SERVICES } from "@/lib/interchange/codes";
/** Every client role of both services. */
export const ROLES = CLIENT_ROLE_CODES;

export const roleSchema = z.enum(ROLES);
export const contactReasonSchema = z.enum(CONTACT_REASONS);
export const paymentMethodSchema = z.enum(PAYMENT_METHODS);
export const serviceSchema = z.enum(SERVICES);

export type ClientRole = z.infer<typeof roleSchema>;
export type ContactReason = z.infer<typeof contactReasonSchema>;
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type Service = z.infer<typeof serviceSchema>;

/** "YYYY-MM", months 01-12. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month as YYYY-MM");

/**
 * What the questionnaire engine knows about a sample case. Every field is
 * optional so that the preview and "try it" pages can run a version without a
 * real case: a condition on a missing attribute is false, a fill from a missing
 * attribute shows its placeholder (fills.ts).
 */
export const caseAttributesSchema = z
  .object({
    role: roleSchema.optional(),
    contactReason: contactReasonSchema.optional(),
    paymentMethod: paymentMethodSchema.optional(),
    service: serviceSchema.optional(),
    /** The month of the contact that put the client in the population. */
    contactMonth: monthSchema.optional(),
    clientRef: z.string().optional(),
    /**
     * Title, first and last name from the frame (issue 18). Personal: added only
     * when the case is shown to the interviewer holding it (getCaseScreen),
     * never stored with the response's attributes.
     */
    clientName: z.string().optional(),
  })
  .strict();

export type CaseAttributes = z.infer<typeof caseAttributesSchema>;
