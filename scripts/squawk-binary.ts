/**
 * squawk, the peer the benches and `npm run compare:squawk` measure against, installed on demand: its npm
 * package lists per-platform binaries the registry here lacks, which leaves package-lock.json unusable for
 * `npm ci`, so it is not a dependency. `npm install --no-save @squawk-cli/linux-x64@2.66.0` puts the Linux binary in node_modules.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const SQUAWK_PACKAGE = "@squawk-cli/linux-x64@2.66.0";

/** The squawk binary, or undefined when it is not installed. */
export function findSquawk(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("@squawk-cli/linux-x64/package.json")), "bin", "squawk");
  } catch {
    return undefined;
  }
}
