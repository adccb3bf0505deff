/** Reading one file of the working tree the way every CLI reader does: a regular file, capped, never a link. */
import { lstatSync, readFileSync } from "node:fs";

/** A regular file's text when it holds at most `maxBytes`, never through a symbolic link (its target may lie outside the repository); undefined when unreadable. */
export function readRegularFile(absolute: string, maxBytes: number): string | undefined {
  try {
    const stat = lstatSync(absolute);
    return stat.isFile() && stat.size <= maxBytes ? readFileSync(absolute, "utf8") : undefined;
  } catch {
    return undefined;
  }
}
