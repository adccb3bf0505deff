/**
 * gobuffalo/pop (and ory's fork) as a project's migration runner, told by the nearest go.mod above a migrations
 * folder or by pop's own file shapes. pop applies every version missing from its schema_migration table, in
 * whatever order, each file in a transaction: what golang-migrate's single "current version" makes a hazard
 * (an older version merged late) is not one there.
 */
import { dirOf } from "../paths.js";
import { popSuffix } from "../database/dialect-file.js";
import type { SourceFile } from "../model.js";
import { isGoModPath, isWithin } from "./fact-paths.js";

const POP_MODULES = /^github\.com\/(?:gobuffalo\/pop|ory\/pop)(?:\/v\d+)?$/;

/**
 * The module paths go.mod requires (and its own), read by go.mod's line grammar: `module M`, `require M V`,
 * `require ( M V ... )`; `//` comments end a line.
 */
export function goModules(content: string): string[] {
  const out: string[] = [];
  let inRequire = false;
  for (const raw of content.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (!line) continue;
    if (inRequire) {
      if (line === ")") inRequire = false;
      else out.push(line.split(/\s+/)[0]);
      continue;
    }
    const [verb, first] = line.split(/\s+/);
    if (verb === "require" && first === "(") inRequire = true;
    else if ((verb === "require" || verb === "module") && first) out.push(first.replace(/^"|"$/g, ""));
  }
  return out;
}

/** goose's module path, any major version: a go.mod that requires it may migrate in-process (deploy/self-migrating.ts) */
export const GOOSE_MODULE = /^github\.com\/pressly\/goose(?:\/v\d+)?$/;

/** The module path go.mod declares (`module M`), by the same line grammar. */
export function goModulePath(content: string): string | undefined {
  for (const raw of content.split("\n")) {
    const [verb, first] = raw.replace(/\/\/.*$/, "").trim().split(/\s+/);
    if (verb === "module" && first) return first.replace(/^"|"$/g, "");
  }
  return undefined;
}

/** pop's own migration file shapes: `*.up.fizz`, one SQL file per dialect (`x.postgres.up.sql`), popx's `x.autocommit.up.sql`. */
export const isPopShapedPath = (path: string): boolean => /\.(?:up|down)\.fizz$/.test(path) || popSuffix(path) !== undefined;

/**
 * Whether pop runs the migration at `path`: its shape, or the nearest go.mod above it (among `files`) requiring
 * gobuffalo/pop or ory/pop.
 */
export function runsOnPop(path: string, files: readonly SourceFile[]): boolean {
  if (isPopShapedPath(path)) return true;
  const nearest = files
    .filter((f) => isGoModPath(f.path) && isWithin(dirOf(f.path), path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return nearest !== undefined && goModules(nearest.content).some((m) => POP_MODULES.test(m));
}
