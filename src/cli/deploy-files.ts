/**
 * The deploy files of the repository around the working directory (deploy/deploy-paths.ts): found from the
 * repository root (the nearest folder above with `.git`, else the working directory) a few folders deep, so the
 * engine can tell an offline deploy (an entrypoint that migrates, then starts the server) from a rolling one.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SourceFile } from "../engine/model.js";
import { deployPaths } from "../engine/deploy/deploy-paths.js";
import { displayPath } from "./collect-files.js";

/** Dockerfiles, charts and entrypoints sit near the root: deeper folders are not walked */
const MAX_DEPTH = 4;
/** a walk of a monorepo's root stops after this many files (deploy files sit near the root) */
const MAX_ENTRIES = 20_000;
const SKIPPED = new Set(["node_modules", ".git", "vendor", "dist", "build", "target", ".venv", "venv", "__pycache__"]);

function repositoryRoot(cwd: string): string {
  for (let current = cwd; ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current;
    if (dirname(current) === current) return cwd;
  }
}

function walk(root: string, dir: string, depth: number, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  const pathOf = (name: string) => (dir ? `${dir}/${name}` : name);
  // a folder's files before its subfolders: the root's Dockerfile is listed however large the tree below
  for (const entry of entries) if (entry.isFile() && out.length < MAX_ENTRIES) out.push(pathOf(entry.name));
  for (const entry of entries) {
    if (out.length >= MAX_ENTRIES) return;
    if (entry.isDirectory() && depth < MAX_DEPTH && !SKIPPED.has(entry.name)) walk(root, pathOf(entry.name), depth + 1, out);
  }
}

export function readDeployFiles(cwd: string, maxBytes: number): SourceFile[] {
  const root = repositoryRoot(cwd);
  const listing: string[] = [];
  walk(root, "", 0, listing);
  const out: SourceFile[] = [];
  for (const path of deployPaths(listing)) {
    const absolute = join(root, path);
    try {
      // never through a symbolic link: its target may lie outside the repository
      const stat = lstatSync(absolute);
      if (!stat.isFile() || stat.size > maxBytes) continue;
      out.push({ path: displayPath(absolute, cwd), content: readFileSync(absolute, "utf8") });
    } catch {
      // unreadable: the deploy is read from the other files, else assumed online
    }
  }
  return out;
}
