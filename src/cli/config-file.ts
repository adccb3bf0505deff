/** Find and load `.github/migguard.yml` for the CLI: --config FILE, else the nearest one above the working directory. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { LoadedConfig } from "../engine/config.js";
import { CONFIG_DEFAULTS } from "../engine/config-defaults.js";
import { CONFIG_LIMITS } from "../engine/limits.js";
import { displayPath } from "./collect-files.js";
import { CommandFailure } from "./usage-error.js";

export interface CliConfig extends LoadedConfig {
  path?: string;
}

export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of ["migguard.yml", "migguard.yaml"]) {
      const candidate = join(dir, ".github", name);
      if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    }
    if (existsSync(join(dir, ".git"))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A config file that cannot be read (missing, a directory) stops the command with one line; one too large is reported unread. */
export async function loadCliConfig(explicit: string | undefined, cwd = process.cwd()): Promise<CliConfig> {
  const path = explicit ? resolve(cwd, explicit) : findConfigFile(cwd);
  if (!path) return { config: structuredClone(CONFIG_DEFAULTS), problems: [] };
  const given = explicit ?? displayPath(path, cwd);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new CommandFailure(`config file not found: ${given}`);
  if (stat.isDirectory()) throw new CommandFailure(`--config names a directory, not a file: ${given}`);
  // the YAML reader, the zod schema and the rule catalogue (to reject unknown rule ids): only for a file to check
  const { loadConfig, oversizedConfig } = await import("../engine/config.js");
  const { KNOWN_RULE_IDS } = await import("../engine/catalogue.js");
  if (stat.size > CONFIG_LIMITS.bytes) return { ...oversizedConfig(stat.size), path: displayPath(path, cwd) };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CommandFailure(`cannot read config file ${given}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { ...loadConfig(text, KNOWN_RULE_IDS), path: displayPath(path, cwd) };
}
