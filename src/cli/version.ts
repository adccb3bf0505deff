import { createRequire } from "node:module";

/** Set by the bundle build (scripts/bundle.ts): the bundle does not sit where `../../package.json` resolves. */
declare const MIGGUARD_VERSION: string | undefined;

/** The package version, read from package.json so it is written once. */
export const VERSION: string =
  typeof MIGGUARD_VERSION === "string" ? MIGGUARD_VERSION : (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
