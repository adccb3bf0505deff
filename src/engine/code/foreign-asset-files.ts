/**
 * Server-side source in a folder of what the application serves (`assets/`, `static/`, `public/`) and in a language
 * none of the application's own source outside such folders is written in: data the application ships, not code it
 * runs. docs.rs (Rust) ships Sublime Text's syntax packages under crates/bin/docs_rs_web/assets/syntaxes/, whose PHP
 * syntax test names `public` and `files` hundreds of times; no PHP runs there against docs.rs' database. A file of
 * the application's own language in such a folder stays (a Rails app's `public/` script), and so do scripts and
 * templates (a frontend's JavaScript, its views), which the usage search judges on their own terms.
 */
import type { SourceFile } from "../model.js";

/** web assets only: `example`, `samples` and the like are also Java package names (`org.example.domain`) */
const ASSET_DIRS = new Set(["assets", "static", "public"]);

/** server-side languages by extension, a language's extensions under one name */
const LANGUAGES: Record<string, string> = {
  go: "go", java: "jvm", kt: "jvm", kts: "jvm", scala: "jvm", groovy: "jvm", cs: "dotnet", fs: "dotnet", vb: "dotnet",
  php: "php", phtml: "php", py: "python", pyi: "python", rb: "ruby", rake: "ruby", rs: "rust", ex: "elixir", exs: "elixir",
  swift: "swift", clj: "clojure", lua: "lua", pl: "perl", pm: "perl", c: "c", h: "c", cc: "c", cpp: "c", hpp: "c", m: "c", mm: "c", dart: "dart",
};

const languageOf = (path: string): string | undefined => LANGUAGES[path.slice(path.lastIndexOf(".") + 1).toLowerCase()];

const inAssetFolder = (path: string) => path.split("/").slice(0, -1).some((dir) => ASSET_DIRS.has(dir.toLowerCase()));

const filters = new WeakMap<readonly SourceFile[], (file: SourceFile) => boolean>();

/** For the application's files: whether a file is such shipped source of another language (left out of the usage search). */
export function foreignAssetFiles(files: readonly SourceFile[]): (file: SourceFile) => boolean {
  let known = filters.get(files);
  if (!known) {
    const own = new Set(files.filter((f) => !inAssetFolder(f.path)).flatMap((f) => languageOf(f.path) ?? []));
    known = (file) => {
      const language = languageOf(file.path);
      return language !== undefined && !own.has(language) && inAssetFolder(file.path);
    };
    filters.set(files, known);
  }
  return known;
}
