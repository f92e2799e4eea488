// The command line's commands, by module: scripts/cli.ts matches the command
// against these names and loads only the module that serves it, so a command
// starts without the code of the others (`results` without Prisma, exceljs,
// argon2 or the sampling code). cli-commands.test.ts holds the names equal to
// each module's commands.
export type Command = (args: string[]) => Promise<unknown>;

export interface CommandModule {
  readonly names: readonly string[];
  readonly load: () => Promise<Record<string, Command>>;
}

export const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ["users create"], load: async () => (await import("@/lib/users/cli-commands")).usersCommands },
  { names: ["responses import", "results", "export"], load: async () => (await import("@/lib/cli/results-commands")).resultsCommands },
  { names: ["frame import", "sample draw"], load: async () => (await import("@/lib/cli/sampling-commands")).samplingCommands },
  {
    names: ["invitations send", "reminders run", "letters batch", "outbox list"],
    load: async () => (await import("@/lib/cawi/cli-commands")).cawiCommands,
  },
  { names: ["fieldwork report", "fieldwork export"], load: async () => (await import("@/lib/fieldwork/cli-commands")).fieldworkCommands },
  {
    names: ["api-keys create", "api-keys revoke", "contacts import", "feedback send", "feedback report"],
    load: async () => (await import("@/lib/feedback/cli-commands")).feedbackCommands,
  },
  {
    names: ["personal-data erase-expired", "personal-data erase-client", "personal-data rotate-key", "personal-data rotate-data-key", "audit prune"],
    load: async () => (await import("@/lib/privacy/cli-commands")).privacyCommands,
  },
];

/** The function behind a command name of COMMAND_MODULES, its module loaded now. */
export async function loadCommand(name: string): Promise<Command> {
  const entry = COMMAND_MODULES.find((m) => m.names.includes(name));
  const command = entry && (await entry.load())[name];
  if (!command) throw new Error(`No module serves the command "${name}"`);
  return command;
}
