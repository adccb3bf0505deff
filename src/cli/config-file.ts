/** Find and load `.github/migguard.yml` for the CLI: --config FILE, else the nearest one above the working directory. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { KNOWN_RULE_IDS } from "../engine/catalogue.js";
import { loadConfig, type LoadedConfig } from "../engine/config.js";
import { displayPath, UsageError } from "./collect-files.js";

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

export function loadCliConfig(explicit: string | undefined, cwd = process.cwd()): CliConfig {
  const path = explicit ? resolve(cwd, explicit) : findConfigFile(cwd);
  if (explicit && (!path || !existsSync(path))) throw new UsageError(`config file not found: ${explicit}`);
  if (!path) return loadConfig(undefined);
  return { ...loadConfig(readFileSync(path, "utf8"), KNOWN_RULE_IDS), path: displayPath(path, cwd) };
}
