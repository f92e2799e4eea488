import { z } from "zod";

/** The sign-in form's schema, shared by the form and the credentials provider. */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address").email("Enter an email address in the correct format, like name@example.gov.uk"),
  password: z.string().min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;
