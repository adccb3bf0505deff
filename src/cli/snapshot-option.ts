/**
 * The production snapshot for `lint` and `review`: `--snapshot FILE`, else config `snapshot: PATH` (relative
 * to the repository root; `review` reads it from the base branch, as the App does). A named file that cannot
 * be used is a usage error; a snapshot the config names but that cannot be used is reported in `errors` and
 * the run goes on without it, as it would without a snapshot.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { FileError } from "../engine/analyze.js";
import type { ProductionSnapshot } from "../engine/production/snapshot-file.js";
import { UsageError } from "./collect-files.js";

/** The snapshot file's schema is zod's: loaded only when there is a snapshot (a plain lint loads no zod). */
const parser = async () => (await import("../engine/production/snapshot-file.js")).parseSnapshot;

/** A snapshot is one JSON document; this is far above any real schema's and keeps a hostile file from filling memory (as snapshot-file.ts's MAX_SNAPSHOT_BYTES, which would load zod). */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export interface LoadedSnapshot {
  snapshot?: ProductionSnapshot;
  errors: FileError[];
}

function readText(absolute: string): string {
  const size = statSync(absolute).size;
  if (size > MAX_SNAPSHOT_BYTES) throw new Error(`it is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`);
  return readFileSync(absolute, "utf8");
}

/** `--snapshot FILE`: must be there and valid. */
export async function snapshotFromFlag(path: string, cwd: string): Promise<ProductionSnapshot> {
  let text: string;
  try {
    text = readText(resolve(cwd, path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read --snapshot ${path}: ${reason}`);
  }
  const parseSnapshot = await parser();
  try {
    return parseSnapshot(text, path);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The repository root a config file sits in (`<root>/.github/migguard.yml`), else the working directory. */
export function configRoot(configPath: string | undefined, cwd: string): string {
  if (!configPath) return cwd;
  const absolute = resolve(cwd, configPath);
  const dir = dirname(absolute);
  return dir.endsWith("/.github") || dir.endsWith("\\.github") ? dirname(dir) : dir;
}

/** The snapshot the config names, from text read by the caller (disk, or the base branch). */
export async function snapshotFromConfig(path: string, text: string | undefined): Promise<LoadedSnapshot> {
  const { snapshotFromText } = await import("../engine/production/snapshot-file.js");
  const { snapshot, problem } = snapshotFromText(path, text);
  return problem ? { errors: [{ path, message: `${problem}: migguard ran without it` }] } : { snapshot, errors: [] };
}

/** For `lint`: the flag, else the config's path read from disk. */
export async function lintSnapshot(flag: string | undefined, configured: string | undefined, configPath: string | undefined, cwd: string): Promise<LoadedSnapshot> {
  if (flag) return { snapshot: await snapshotFromFlag(flag, cwd), errors: [] };
  if (!configured) return { errors: [] };
  const absolute = resolve(configRoot(configPath, cwd), configured);
  let text: string | undefined;
  try {
    text = readText(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return { errors: [{ path: configured, message: `cannot read the production snapshot: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return snapshotFromConfig(configured, text);
}
