/** Find and load `.github/migguard.yml` for the CLI: --config FILE, else the nearest one above the working directory. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { LoadedConfig } from "../engine/config.js";
import { CONFIG_DEFAULTS } from "../engine/config-defaults.js";
import { displayPath } from "./collect-files.js";
import { UsageError } from "./usage-error.js";

export interface CliConfig extends LoadedConfig {
  path?: string;
}

export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of ["migguard.yml", "migguard.yaml"]) {
      const candidate = join(dir, ".github", name);
      if (existsSync(candidate)) return candidate;
    }
    if (existsSync(join(dir, ".git"))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function loadCliConfig(explicit: string | undefined, cwd = process.cwd()): Promise<CliConfig> {
  const path = explicit ? resolve(cwd, explicit) : findConfigFile(cwd);
  if (explicit && (!path || !existsSync(path))) throw new UsageError(`config file not found: ${explicit}`);
  if (!path) return { config: structuredClone(CONFIG_DEFAULTS), problems: [] };
  // the YAML reader, the zod schema and the rule catalogue (to reject unknown rule ids): only for a file to check
  const [{ loadConfig }, { KNOWN_RULE_IDS }] = await Promise.all([import("../engine/config.js"), import("../engine/catalogue.js")]);
  return { ...loadConfig(readFileSync(path, "utf8"), KNOWN_RULE_IDS), path: displayPath(path, cwd) };
}
