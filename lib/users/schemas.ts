import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";

// One schema per operation, shared by the form (zodResolver) and the server.
export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter the person's full name").max(120, "Name must be 120 characters or fewer"),
  email: z.string().trim().toLowerCase().min(1, "Enter an email address").email("Enter an email address in the correct format, like name@example.gov.uk"),
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const userIdSchema = z.object({ userId: z.uuid("Unknown user") });
export type UserIdInput = z.infer<typeof userIdSchema>;

/** An administrator changes a user's name, email address or role (issue 18). */
export const updateUserSchema = userIdSchema.extend(createUserSchema.shape);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const setUserActiveSchema = userIdSchema.extend({ active: z.boolean() });
export type SetUserActiveInput = z.infer<typeof setUserActiveSchema>;

export const PASSWORD_MIN = 12;
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: z
      .string()
      .min(PASSWORD_MIN, `Your new password must be at least ${PASSWORD_MIN} characters`)
      .max(200, "Your new password must be 200 characters or fewer"),
    confirmPassword: z.string().min(1, "Confirm your new password"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Your new password must be different from your current one" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** The changes an administrator confirms on the users page. */
export const userChangeSchema = z.enum(["deactivate", "reactivate", "reset"], { error: "Choose what to change" });
export type UserChange = z.infer<typeof userChangeSchema>;
export const confirmUserChangeSchema = userIdSchema.extend({ change: userChangeSchema });
