/**
 * Alembic's `version_locations` (alembic.ini, [alembic] section) lists more folders of revisions of the same
 * database, anywhere in the repository: `version_locations = %(here)s/model/versions %(here)s/billing/versions`.
 * Read from the INI text (no code runs), so the CLI and the App can mark those folders before detecting files.
 */
import type { Config } from "../config.js";
import type { SourceFile } from "../model.js";
import { detectByPath } from "../detect.js";
import { baseOf, dirOf } from "../paths.js";

/** The [alembic] section's keys (later lines win, as configparser's), continuation lines joined with a newline. */
function alembicSection(content: string): Map<string, string> {
  const keys = new Map<string, string>();
  let section = "";
  let last: string | undefined;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("#") || line.startsWith(";")) continue;
    if (line.startsWith("[") && line.endsWith("]")) {
      section = line.slice(1, -1).trim();
      last = undefined;
      continue;
    }
    if (section !== "alembic") continue;
    // an indented line continues the previous value (configparser's multi-line values)
    if (/^\s/.test(raw) && line && last) {
      keys.set(last, `${keys.get(last)}\n${line}`);
      continue;
    }
    const at = line.search(/[=:]/);
    if (at <= 0) continue;
    last = line.slice(0, at).trim().toLowerCase();
    keys.set(last, line.slice(at + 1).trim());
  }
  return keys;
}

/** Split as Alembic does: by `version_path_separator` (or 1.16's `path_separator`), else by spaces and commas. */
function splitLocations(value: string, separator: string | undefined): string[] {
  const by: Record<string, RegExp> = { os: /:/, ":": /:/, ";": /;/, space: / +/, newline: /\n/ };
  // `os` is os.pathsep: ":" on the Linux and macOS hosts that run migrations (";" only on Windows)
  const pattern = separator === undefined ? /[\s,]+/ : (by[separator] ?? /[\s,]+/);
  return value.split(pattern).map((s) => s.trim()).filter(Boolean);
}

/** `a/b/../c` -> `a/c`; undefined when it climbs out of the repository. */
function normalise(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join("/");
}

/**
 * Repository folders an alembic.ini's version_locations names. `%(here)s` is the ini's folder; a relative entry is
 * taken from there too (where `alembic` is run, normally beside its ini). A `package:path` entry or another
 * interpolation (`%(x)s`, `${X}`) names no folder known from the repository alone and is left out.
 */
export function versionLocations(iniPath: string, content: string): { folders: string[]; recursive: boolean } {
  const keys = alembicSection(content);
  const value = keys.get("version_locations");
  if (!value) return { folders: [], recursive: false };
  const here = dirOf(iniPath);
  const folders = splitLocations(value, keys.get("version_path_separator") ?? keys.get("path_separator")).flatMap((entry) => {
    const local = entry.replace(/^%\(here\)s\/?/, "");
    if (/%\(|\$\{|^\/|^\w+:/.test(local)) return [];
    const folder = normalise(here ? `${here}/${local}` : local);
    return folder === undefined || folder === "" ? [] : [folder];
  });
  return { folders: [...new Set(folders)], recursive: /^(true|1|yes|on)$/i.test(keys.get("recursive_version_locations") ?? "") };
}

/** `config` whose `paths.alembic` also names the revisions in every alembic.ini's version_locations among `files`. */
export function withAlembicVersionLocations(config: Config, files: readonly SourceFile[]): Config {
  const globs = files
    .filter((f) => baseOf(f.path) === "alembic.ini")
    .flatMap((f) => {
      const { folders, recursive } = versionLocations(f.path, f.content);
      // Alembic loads every .py of the folder but its private modules (`__init__.py`)
      return folders.map((folder) => `${folder}/${recursive ? "**/" : ""}[^_]*.py`);
    })
    .filter((glob, i, all) => all.indexOf(glob) === i && !config.paths.alembic.includes(glob));
  return globs.length ? { ...config, paths: { ...config.paths, alembic: [...config.paths.alembic, ...globs] } } : config;
}

/** alembic.ini files read for version_locations at most */
const MAX_INIS = 10;

/**
 * The alembic.ini files of a listing to read when a changed Python file is no known migration: version_locations
 * may list its folder. None otherwise (the review's edges read them and call withAlembicVersionLocations).
 */
export function alembicIniPaths(changed: readonly string[], listing: readonly string[], config: Config): string[] {
  if (!changed.some((path) => path.endsWith(".py") && detectByPath(path, config) === undefined)) return [];
  return listing.filter((path) => baseOf(path) === "alembic.ini").sort().slice(0, MAX_INIS);
}

/**
 * Without a listing (the App before it lists any tree): the alembic.ini files that may exist above a changed
 * Python file in no known folder, shallowest first (the repository root's is the usual one), few enough to ask
 * for one by one.
 */
export function alembicIniCandidates(changed: readonly string[], config: Config): string[] {
  const out = new Set<string>();
  for (const path of changed) {
    if (!path.endsWith(".py") || detectByPath(path, config) !== undefined) continue;
    const parts = dirOf(path).split("/").filter(Boolean);
    for (let depth = 0; depth <= parts.length; depth++) out.add([...parts.slice(0, depth), "alembic.ini"].join("/"));
  }
  const depth = (path: string) => path.split("/").length;
  return [...out].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)).slice(0, 4);
}
