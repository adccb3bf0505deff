/**
 * The deploy files of the repository around the working directory (deploy/deploy-paths.ts): found from the
 * repository root (the nearest folder above with `.git`) a few folders deep, so the engine can tell an offline
 * deploy (an entrypoint that migrates, then starts the server) from a rolling one, and the Go files of a module that
 * requires golang-migrate or goose that import it and the Node start files package.json names (an application that
 * migrates itself at start). Outside a repository only the working directory and its children are read, and
 * nothing of the root, home or temp directory (not-a-project.ts).
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "../engine/model.js";
import { DEPLOY_WALK_DEPTH, deployPaths, isUnwalkedFolder, walkDepthBelow } from "../engine/deploy/deploy-paths.js";
import { deployCodePaths, javaSourceRoots } from "../engine/deploy/deploy-code-paths.js";
import { isDeployFile } from "../engine/deploy/deploy-model.js";
import { DOCS_FOLDER, DOCS_WALK_DEPTH, deployDocPaths } from "../engine/deploy/deploy-doc-paths.js";
import { displayPath } from "./collect-files.js";
import { readRegularFile } from "./regular-file.js";
import { repositoryRootAbove } from "./walk-files.js";
import { isNotAProject } from "./not-a-project.js";

/** a walk of a monorepo's root stops after this many files (deploy files sit near the root) */
const MAX_ENTRIES = 20_000;

/** Java packages nest deep (`src/main/java/edu/harvard/iq/dataverse/flyway/`): how far below src/main/java the walk goes */
const JAVA_WALK_DEPTH = 12;

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
    // an Ansible tree's roles lie deeper (deploy-paths.ts walkDepthBelow): the deploy walk goes on below it
    const limit = maxDepth === DEPLOY_WALK_DEPTH && depth === DEPLOY_WALK_DEPTH ? walkDepthBelow(dir) : maxDepth;
    if (entry.isDirectory() && depth < limit && !isUnwalkedFolder(entry.name)) walk(root, pathOf(entry.name), depth + 1, out, limit);
  }
}

/**
 * The files of the documentation folders at the root or one level down (`docs/`, `backend/doc/`), which the deploy
 * walk skips: their upgrade procedure is read (documented-upgrade.ts).
 */
function walkDocs(root: string, listing: readonly string[]): string[] {
  const out: string[] = [];
  const folders = new Set<string>();
  for (const path of listing) {
    const parts = path.split("/");
    if (parts.length <= 2) folders.add(parts.length === 2 ? parts[0]! : "");
  }
  for (const folder of folders) {
    let entries;
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries)
      if (entry.isDirectory() && DOCS_FOLDER.test(entry.name)) walk(root, folder ? `${folder}/${entry.name}` : entry.name, 0, out, DOCS_WALK_DEPTH - 1);
  }
  return out;
}

function readFile(root: string, path: string, cwd: string, maxBytes: number): SourceFile | undefined {
  const absolute = join(root, path);
  // unreadable: the deploy is read from the other files, else assumed online
  const content = readRegularFile(absolute, maxBytes);
  return content === undefined ? undefined : { path: displayPath(absolute, cwd), content };
}

export function readDeployFiles(cwd: string, maxBytes: number): SourceFile[] {
  const repository = repositoryRootAbove(cwd);
  if (repository === undefined && isNotAProject(cwd)) return [];
  const root = repository ?? cwd;
  const listing: string[] = [];
  walk(root, "", 0, listing, repository ? DEPLOY_WALK_DEPTH : MAX_DEPTH_OUTSIDE_GIT);
  const byPath = new Map<string, SourceFile>();
  for (const path of deployPaths(listing)) {
    const file = readFile(root, path, cwd, maxBytes);
    if (file) byPath.set(path, file);
  }
  // the documented upgrade procedure: README / UPGRADE / INSTALL near the root and the docs folders' files
  for (const path of deployDocPaths([...listing, ...walkDocs(root, listing)])) {
    const file = readFile(root, path, cwd, maxBytes);
    if (file) byPath.set(path, file);
  }
  const read = [...byPath].map(([path, file]) => ({ path, content: file.content }));
  // a JVM module that depends on Flyway or Liquibase keeps its start-up migrator deep in src/main/java's packages
  for (const sources of javaSourceRoots(read)) walk(root, sources, 0, listing, JAVA_WALK_DEPTH);
  // the code the deploy needs beyond those names (deploy-code-paths.ts): Go files of a module that requires
  // golang-migrate or goose, kept when they import it; Node start files and a migrating project's code; Java files
  // named for migrating
  for (const path of deployCodePaths(read, listing)) {
    const file = readFile(root, path, cwd, maxBytes);
    if (file && isDeployFile(file)) byPath.set(path, file);
  }
  return [...byPath.values()];
}
