/**
 * Rust read at crate level, as Go is read at module level: a crate whose Cargo.toml depends on a migration library
 * that embeds the migrations in the binary (diesel_migrations, sqlx, refinery) may apply them from any of its files
 * (lemmy runs diesel's `run_pending_migrations` from crates/diesel_utils/src/schema_setup/mod.rs, called at start),
 * so its `.rs` files are read, kept by what they hold (`isRustStartupSource`), not by their names.
 * - Cargo.toml is read with smol-toml: `[dependencies]`, a target's dependencies and, at a workspace root,
 *   `[workspace.dependencies]` (a member's `diesel_migrations = { workspace = true }` names the crate too); a
 *   dependency renamed with `package = "..."` counts under the package's name. dev- and build-dependencies do not:
 *   they never run in the server.
 * - The edges (the CLI's walk, the App's tarball) know only a listing and the deploy files read by path, which hold
 *   the Cargo.toml at the root or one folder down (deploy-paths.ts): when one of them names a migrator, the
 *   listing's Cargo.toml files and crate sources below it are read (rustCodePaths, bounded), and the engine keeps the
 *   sources that name a migration macro; which crate depends on the migrator is decided from its own Cargo.toml.
 */
import { parse as parseToml } from "smol-toml";
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { isWithin } from "../repository/fact-paths.js";

/** the libraries that run migrations they embed in the binary */
export const RUST_MIGRATORS = ["diesel_migrations", "sqlx", "refinery"] as const;
export type RustMigrator = (typeof RUST_MIGRATORS)[number];
const isRustMigrator = (name: string): name is RustMigrator => (RUST_MIGRATORS as readonly string[]).includes(name);

/** a crate's (or a workspace's) manifest */
export const isCargoManifestPath = (path: string): boolean => baseOf(path) === "Cargo.toml";

/**
 * A Rust source of a crate that may run in the server: not its tests, benchmarks, examples or build script (the
 * folders Cargo gives them), nor test data.
 */
export const isRustSourcePath = (path: string): boolean =>
  path.endsWith(".rs") && baseOf(path) !== "build.rs" && !/(?:^|\/)(?:tests?|benches|examples?|fixtures?|testdata|target|vendor)\//.test(path);

/**
 * A Rust file read for a start-up migration: it names diesel's or refinery's `embed_migrations!` or sqlx's
 * `migrate!` (self-migrating.ts reads what it does with them from the syntax tree, rust-startup.ts). A cheap test on
 * the text, so that a workspace's other files are dropped as soon as they are read and only these are parsed.
 */
export const isRustStartupSource = (content: string): boolean => /\bembed_migrations!|\bmigrate!\s*\(/.test(content);

/** A crate source that names a migration macro: the Rust files the deploy keeps, loads the grammar for, and parses. */
export const namesRustMigrationMacro = (f: SourceFile): boolean => isRustSourcePath(f.path) && isRustStartupSource(f.content);

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table => typeof value === "object" && value !== null && !Array.isArray(value);

/** The package names of a dependency table (`name = "1"`, `alias = { package = "name" }`). */
function dependencyNames(table: unknown): string[] {
  if (!isTable(table)) return [];
  return Object.entries(table).map(([key, spec]) => (isTable(spec) && typeof spec.package === "string" ? spec.package : key));
}

/**
 * Each manifest parsed once (null: TOML cannot read it): every crate source asks for the manifests above it, and a
 * workspace's root is asked whether it names a migrator and whether it is a package (lemmy: 41 manifests). Shared:
 * not to be changed.
 */
const manifests = new WeakMap<SourceFile, Table | null>();
function parsedManifest(file: SourceFile): Table | undefined {
  let manifest = manifests.get(file);
  if (manifest === undefined) {
    try {
      manifest = parseToml(file.content) as Table;
    } catch {
      // a manifest TOML cannot read says nothing: the crate is read as one without a migrator
      manifest = null;
    }
    manifests.set(file, manifest);
  }
  return manifest ?? undefined;
}

/** The migrators a crate's manifest depends on to run (`[dependencies]` and `[target.'cfg(..)'.dependencies]`). */
export function crateMigrators(file: SourceFile): RustMigrator[] {
  const manifest = parsedManifest(file);
  if (!manifest) return [];
  const targets = isTable(manifest.target) ? Object.values(manifest.target).map((t) => (isTable(t) ? t.dependencies : undefined)) : [];
  return [...new Set([manifest.dependencies, ...targets].flatMap(dependencyNames).filter(isRustMigrator))];
}

/** The migrators a manifest names at all: the crate's own, or a workspace root's `[workspace.dependencies]`. */
export function manifestMigrators(file: SourceFile): RustMigrator[] {
  const manifest = parsedManifest(file);
  const workspace = manifest && isTable(manifest.workspace) ? dependencyNames(manifest.workspace.dependencies).filter(isRustMigrator) : [];
  return [...new Set([...crateMigrators(file), ...workspace])];
}

/** a manifest with a `[package]`: a crate's, not a workspace's alone (lemmy's root) */
const isPackageManifest = (file: SourceFile) => isTable(parsedManifest(file)?.package);

/**
 * The crate a Rust file belongs to: the nearest package's Cargo.toml above it among `files` (a workspace's alone
 * says nothing of its members' dependencies).
 */
export function crateManifestOf(path: string, files: readonly SourceFile[]): SourceFile | undefined {
  return files.filter((f) => isCargoManifestPath(f.path) && isWithin(dirOf(f.path), path) && isPackageManifest(f)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** Cargo.toml files of a workspace read at most (lemmy has 41) */
export const MAX_CARGO_MANIFESTS = 100;
/** a workspace's crate sources read for a migration macro, at most (lemmy's crates hold about 250 within the walk) */
export const MAX_RUST_FILES = 400;

const depth = (path: string) => path.split("/").length;

/**
 * The paths in `walked` to read for a crate that migrates at start: below each Cargo.toml among `read` that names a
 * migrator, the Cargo.toml files and the sources of the crates (a `.rs` file under a folder whose Cargo.toml is a
 * package's, or not read yet), the shallowest first; and the Cargo.toml files above a Rust file read by its name
 * (a member's main.rs) that names a migration macro. Nothing when neither is read.
 */
export function rustCodePaths(read: readonly SourceFile[], walked: readonly string[]): string[] {
  // a Rust file read by its name (a member's main.rs) that names a migration macro: the manifests above it say
  // which crate it belongs to and what that crate depends on
  const named = read.filter(namesRustMigrationMacro);
  const above = walked.filter((p) => isCargoManifestPath(p) && named.some((f) => isWithin(dirOf(p), f.path)));
  const roots = read.filter((f) => isCargoManifestPath(f.path) && manifestMigrators(f).length > 0).map((f) => dirOf(f.path));
  if (roots.length === 0) return above;
  const below = (path: string) => roots.some((r) => isWithin(r, path));
  const byDepth = (a: string, b: string) => depth(a) - depth(b) || a.localeCompare(b);
  const manifests = walked.filter((p) => isCargoManifestPath(p) && below(p)).sort(byDepth).slice(0, MAX_CARGO_MANIFESTS);
  // a manifest already read that is a workspace's alone (no `[package]`, lemmy's root) holds no crate sources
  const known = new Map(read.map((f) => [f.path, f]));
  const isCrate = (manifest: string) => !known.has(manifest) || isPackageManifest(known.get(manifest)!);
  const crates = [...new Set([...manifests, ...read.map((f) => f.path).filter((p) => isCargoManifestPath(p) && below(p))])].filter(isCrate).map(dirOf);
  const sources = walked.filter((p) => isRustSourcePath(p) && below(p) && crates.some((c) => isWithin(c, p))).sort(byDepth).slice(0, MAX_RUST_FILES);
  return [...new Set([...above, ...manifests, ...sources])];
}
