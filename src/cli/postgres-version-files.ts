/**
 * The files that may name the repository's PostgreSQL version (engine/database/postgres-version.ts), read without
 * walking the repository: the compose files at its root and in its container folder (`docker/`), and its GitHub
 * workflows. The rules need the version before they run, while the deploy walk waits for a finding that needs it; the
 * schema dumps (db/structure.sql) come with the repository files. Paths are the repository root's, as the deploy
 * walk's (deploy-files.ts).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "../engine/model.js";
import { isPostgresVersionPath } from "../engine/database/postgres-version.js";
import { readRegularFile } from "./regular-file.js";
import { repositoryRootAbove } from "./walk-files.js";
import { isNotAProject } from "./not-a-project.js";

/** the folders whose YAML is read: the root, its container folders and the workflows */
const FOLDERS = ["", "docker", ".docker", ".github/workflows"];

function namesIn(root: string, folder: string): string[] {
  try {
    return readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => (folder ? `${folder}/${entry.name}` : entry.name));
  } catch {
    return []; // no such folder
  }
}

export function readPostgresVersionFiles(cwd: string, maxBytes: number): SourceFile[] {
  const repository = repositoryRootAbove(cwd);
  if (repository === undefined && isNotAProject(cwd)) return [];
  const root = repository ?? cwd;
  const out: SourceFile[] = [];
  for (const path of FOLDERS.flatMap((folder) => namesIn(root, folder))) {
    // structure.sql is a repository file already; only the YAML is read here
    if (!/\.ya?ml$/.test(path) || !isPostgresVersionPath(path)) continue;
    const content = readRegularFile(join(root, path), maxBytes);
    if (content !== undefined) out.push({ path, content });
  }
  return out;
}
