import { parseArgs } from "node:util";
import { createUser } from "./manage";
import { createUserSchema } from "./schemas";

export const usersCommands: Record<string, (args: string[]) => Promise<unknown>> = {
  "users create": async (args) => {
    const { values } = parseArgs({ args, options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } }, strict: true });
    const input = createUserSchema.parse({ email: values.email ?? "", role: values.role?.toUpperCase(), name: values.name ?? values.email ?? "" });
    const { user, temporaryPassword } = await createUser({ actorId: null, input });
    return { id: user.id, email: user.email, role: user.role, temporaryPassword };
  },
};
