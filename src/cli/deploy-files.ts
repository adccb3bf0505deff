/**
 * The deploy files of the repository around the working directory (deploy/deploy-paths.ts): found from the
 * repository root (the nearest folder above with `.git`) a few folders deep, so the engine can tell an offline
 * deploy (an entrypoint that migrates, then starts the server) from a rolling one, and the Go files of a module that
 * requires golang-migrate or goose that import it and the Node start files package.json names (an application that
 * migrates itself at start). Outside a repository only the
 * working directory and its children are read: a lint run from a home folder must not walk it.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "../engine/model.js";
import { deployPaths, isGoSourcePath, isNodeSourcePath, isNotDeployFolder } from "../engine/deploy/deploy-paths.js";
import { importsGoMigrator, migratingGoModules } from "../engine/deploy/self-migrating.js";
import { migratingNodeProjects, nodeEntryPaths } from "../engine/deploy/node-scripts.js";
import { isWithin } from "../engine/repository/fact-paths.js";
import { displayPath } from "./collect-files.js";
import { repositoryRootAbove } from "./walk-files.js";

/** Dockerfiles, charts and entrypoints sit near the root: deeper folders are not walked */
const MAX_DEPTH = 4;
/** a walk of a monorepo's root stops after this many files (deploy files sit near the root) */
const MAX_ENTRIES = 20_000;
const SKIPPED = new Set(["node_modules", ".git", "vendor", "dist", "build", "target", ".venv", "venv", "__pycache__"]);

/** outside a git repository (a lint run from a home or temporary folder) only the folder and its children are read */
const MAX_DEPTH_OUTSIDE_GIT = 1;

function walk(root: string, dir: string, depth: number, out: string[], maxDepth: number): void {
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
    // tests, fixtures, docs: nothing under them counts as a deploy file, so they are not listed (Rails' spec/ alone
    // was a fifth of hcb's walk)
    if (entry.isDirectory() && depth < maxDepth && !SKIPPED.has(entry.name) && !isNotDeployFolder(entry.name)) walk(root, pathOf(entry.name), depth + 1, out, maxDepth);
  }
}

/** a module's Go files read for their imports, at most (a large module's bootstrap code sits near its root) */
const MAX_GO_FILES = 400;
/** a Node project's code files read for what its start files import, at most */
const MAX_NODE_FILES = 400;

function readFile(root: string, path: string, cwd: string, maxBytes: number): SourceFile | undefined {
  const absolute = join(root, path);
  try {
    // never through a symbolic link: its target may lie outside the repository
    const stat = lstatSync(absolute);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return { path: displayPath(absolute, cwd), content: readFileSync(absolute, "utf8") };
  } catch {
    // unreadable: the deploy is read from the other files, else assumed online
    return undefined;
  }
}

export function readDeployFiles(cwd: string, maxBytes: number): SourceFile[] {
  const repository = repositoryRootAbove(cwd);
  const root = repository ?? cwd;
  const listing: string[] = [];
  walk(root, "", 0, listing, repository ? MAX_DEPTH : MAX_DEPTH_OUTSIDE_GIT);
  const byPath = new Map<string, SourceFile>();
  for (const path of deployPaths(listing)) {
    const file = readFile(root, path, cwd, maxBytes);
    if (file) byPath.set(path, file);
  }
  // a Go module that requires golang-migrate or goose: its Go files that import it, whatever their names
  const modules = migratingGoModules([...byPath].map(([path, file]) => ({ path, content: file.content })));
  if (modules.length > 0) {
    const candidates = listing.filter((p) => isGoSourcePath(p) && !byPath.has(p) && modules.some((m) => isWithin(m, p))).slice(0, MAX_GO_FILES);
    for (const path of candidates) {
      const file = readFile(root, path, cwd, maxBytes);
      if (file && importsGoMigrator(file.content)) byPath.set(path, file);
    }
  }
  // a Node project's start files, as package.json names them (`main`, `node dist/server.js` from src/server.ts), and
  // when it depends on a migrator (knex, umzug, TypeORM, drizzle), the code its start files import (shallowest first)
  const listed = new Set(listing);
  const read = [...byPath].map(([path, file]) => ({ path, content: file.content }));
  const projects = migratingNodeProjects(read);
  const depth = (p: string) => p.split("/").length;
  const code = listing.filter((p) => isNodeSourcePath(p) && projects.some((d) => isWithin(d, p))).sort((a, b) => depth(a) - depth(b)).slice(0, MAX_NODE_FILES);
  for (const path of [...nodeEntryPaths(read), ...code]) {
    if (!listed.has(path) || byPath.has(path)) continue;
    const file = readFile(root, path, cwd, maxBytes);
    if (file) byPath.set(path, file);
  }
  return [...byPath.values()];
}
