// Errors are reported in line order (a row's own problems, then those found
// across rows, such as a duplicate): both streamed imports merge their lists here.

/** Two lists each in line order, as one (stable: a's first on the same line). */
export function mergeByLine<T extends { line: number }>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].line <= b[j].line)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
