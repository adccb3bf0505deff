/**
 * The CLI's side of database detection: the repository files that can name the database (config/database.yml,
 * Django settings modules, alembic.ini, env.py), found by a bounded walk of the working directory. The engine
 * decides which of them speak for which migrations folder (engine/database/signal-paths.ts).
 */
import { readFileSync, statSync } from "node:fs";
import { signalKind } from "../engine/database/signal-paths.js";
import type { SourceFile } from "../engine/model.js";
import { displayPath } from "./collect-files.js";
import { walkFiles } from "./walk-files.js";

const SKIPPED = new Set(["node_modules", ".git", "vendor", "dist", ".venv", "venv", "__pycache__", "target", "tmp", "log", "public", "coverage"]);
/** deep enough for `src/project/settings/production.py`, bounded for monorepos */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 50_000;
const MAX_BYTES = 512 * 1024;

export function collectProjectFiles(cwd: string): SourceFile[] {
  const found = walkFiles(cwd, {
    // .github and .circleci: their job matrices say which databases the project supports
    enter: (name) => !SKIPPED.has(name) && (!name.startsWith(".") || name === ".github" || name === ".circleci"),
    keep: (path, entry) => entry.isFile() && signalKind(displayPath(path, cwd)) !== undefined,
    maxDepth: MAX_DEPTH,
    maxEntries: MAX_ENTRIES,
  });
  const out: SourceFile[] = [];
  for (const path of found) {
    try {
      if (statSync(path).size <= MAX_BYTES) out.push({ path: displayPath(path, cwd), content: readFileSync(path, "utf8") });
    } catch {
      // unreadable: the database is then decided without it
    }
  }
  return out;
}
