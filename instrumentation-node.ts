// Check the configuration before serving anything, so a missing or malformed
// setting stops the app with a message that names it instead of failing on the
// first request.
import { env, EnvError } from "@/lib/env";

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`\nFieldwork cannot start.\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
