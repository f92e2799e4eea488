/**
 * The client's name as the interviewer asks for them (issue 18): the frame's
 * title, first and last name, whichever are given ("Ms Alex Smith", "Mr Evans").
 * Personal: only for the interviewer holding the case (getCaseScreen).
 */
export function clientDisplayName(client: { title: string | null; firstName: string | null; lastName: string | null }): string | undefined {
  const name = [client.title, client.firstName, client.lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(" ");
  return name === "" ? undefined : name;
}
