/**
 * The migguard config of a review, read from the BASE branch so a pull request cannot switch off the rules
 * that judge it. Read through Probot's config plugin (what `context.config` uses; it also honours an
 * organisation-wide `.github` repository and `_extends`), with the branch set explicitly because
 * `context.config` only reads the default branch. Never throws for a bad file: problems name the key and
 * defaults apply.
 */
import { KNOWN_RULE_IDS } from "../engine/catalogue.js";
import { CONFIG_PATHS, loadConfig, resolveConfig, type LoadedConfig } from "../engine/config.js";
import type { GitHub } from "./target.js";

export const CONFIG_PATH = CONFIG_PATHS[0];
/** paths a pull request may use to propose a config change */
export { CONFIG_PATHS };

export interface RepoConfig extends LoadedConfig {
  path: string;
  /** a config file was found (in the repository or the organisation's .github repository) */
  found: boolean;
}

const hasStatus = (error: unknown): error is { status: number } => typeof error === "object" && error !== null && "status" in error;

export async function loadRepoConfig(octokit: GitHub, at: { owner: string; repo: string; ref: string }): Promise<RepoConfig> {
  try {
    const { config, files } = await octokit.config.get({ owner: at.owner, repo: at.repo, path: CONFIG_PATH, branch: at.ref, defaults: {} });
    const found = files.find((file) => file.config !== null);
    if (!found) return { ...loadConfig(undefined), path: CONFIG_PATH, found: false };
    return { ...resolveConfig(config, KNOWN_RULE_IDS), path: found.path, found: true };
  } catch (error) {
    // an API failure is not a config problem: let the review report it (after Octokit's retries)
    if (hasStatus(error)) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message.split("\n")[0] : error instanceof Error ? error.message : String(error);
    return { ...loadConfig(undefined), problems: [{ key: "(yaml)", message: `${CONFIG_PATH} could not be read: ${cause}` }], path: CONFIG_PATH, found: true };
  }
}
