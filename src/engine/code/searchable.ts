/**
 * Which files of a repository count as application code for the usage search: source and templates, not
 * migrations, not schema dumps, not vendored or generated trees, not binary or huge files. Path checks
 * come first so the App can drop most of a tarball without decoding it.
 */
import { isTestFolder, isTestPath } from "./test-paths.js";
import type { Config } from "../config.js";
import { CONFIG_PATHS } from "../config-paths.js";
import { detectByPath } from "../detect.js";
import { schemaDumpOf } from "../repository/schema-dump-paths.js";
import { isGeneratedApiContent, isGeneratedApiPath } from "./generated-api-code.js";
import { isVendoredScript, isVendoredScriptPath } from "./vendored-code.js";

/** Folders that hold other people's code, build output or data, anywhere in the path. */
const SKIPPED_DIRS = new Set([
  "node_modules",
  "vendor",
  "third_party",
  "third-party",
  "bower_components",
  ".git",
  ".hg",
  ".svn",
  "dist",
  "build",
  "coverage",
  "tmp",
  "log",
  "logs",
  ".venv",
  "venv",
  "site-packages",
  "__pycache__",
  ".bundle",
  ".yarn",
  "target",
  ".next",
  ".nuxt",
  "packs",
  "assets-precompiled",
  // documentation: prose and examples, not code that runs
  "docs",
  "doc",
]);

/**
 * Folders that hold only migrations, in any app and any framework (Django `<app>/migrations/` with every file
 * name Django loads, hyphens and squashes included; Rails `db/migrate`, `db/post_migrate`; Alembic's
 * `versions/` under its script folder; SQL migration folders): an old migration that created a column is
 * history, not code that reads it, whichever folder is under review.
 */
const MIGRATION_DIR = /^(?:[\w-]*_)?migrat(?:e|ions?)$/i;
const inMigrationFolder = (path: string) => {
  const dirs = path.split("/").slice(0, -1);
  return dirs.some((dir, i) => MIGRATION_DIR.test(dir) || (/^(?:\w+_)?versions$/.test(dir) && i > 0 && /alembic|migrat/i.test(dirs[i - 1])));
};

/** A file whose name has the word migration or migrate (`data_workflow_migration.sql`, `migrate-users.sql`), not `immigration.sql`. */
const isMigrationNamed = (path: string) => /(?:^|[^a-z])migrat(?:e|es|ion|ions)?(?:[^a-z]|$)/i.test(path.slice(path.lastIndexOf("/") + 1).replace(/\.sql$/i, ""));

/**
 * A Flyway Java-based migration (`V22_1_14_8__MigrateMailchimp.java`, `R__refresh_views.kt`): Flyway finds it by its class
 * name, V<version>__<description> (U for undo, R for repeatable), in whichever package its locations name
 * (`db/migration`, alf.io's `alfio/db/PGSQL`). It runs once, in order, before the migrations after it: history that
 * read a table before a later migration dropped it, not code that reads it today.
 */
const FLYWAY_JAVA_MIGRATION = /^(?:[VU]\d+(?:_\d+)*|R)__\w+\.(?:java|kt|scala|groovy)$/;

/** Source, templates and configuration that name tables and columns. */
const CODE_EXTENSIONS = new Set([
  "rb", "rake", "erb", "haml", "slim", "jbuilder", "builder", "ru",
  "py", "pyi", "html", "htm", "jinja", "jinja2", "j2",
  "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "vue", "svelte",
  "go", "java", "kt", "kts", "scala", "groovy", "cs", "fs", "vb", "php", "phtml",
  "ex", "exs", "eex", "heex", "leex", "rs", "swift", "m", "mm", "c", "h", "cc", "cpp", "hpp",
  "sql", "graphql", "gql", "prisma", "yml", "yaml", "sh", "bash", "lua", "pl", "pm", "r", "jl", "dart", "clj", "cljs",
  // the views of the languages above, which name a model's fields: Razor (C#), JSP, Twig (PHP), Go's html/template
  "cshtml", "razor", "jsp", "twig", "gohtml", "tmpl",
]);

const GENERATED = /(?:\.min\.(?:js|css)|\.bundle\.js|-lock\.ya?ml|\.lock|\.map)$/;

/**
 * Continuous-integration configuration: workflows name steps, secrets and labels (`token`, `status`), never a
 * table's column, so a bare word there is not a usage.
 */
const CI_DIRS = new Set([".github", ".circleci", ".buildkite", ".gitlab"]);
const CI_FILES = /(?:^|\/)(?:\.gitlab-ci|\.travis|azure-pipelines|bitbucket-pipelines|\.drone|appveyor|cloudbuild|codecov|\.pre-commit-config)\.ya?ml$/;

const extensionOf = (path: string) => {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
};


/** Path-only verdict: worth reading for the usage search. */
export function isSearchableCodePath(path: string, config: Config): boolean {
  if (!CODE_EXTENSIONS.has(extensionOf(path)) || GENERATED.test(path)) return false;
  // protobuf / gRPC stubs and API clients mirror an API's messages, not the database's columns
  if (isGeneratedApiPath(path)) return false;
  // migguard's own config names sensitive columns; it is not code that reads them
  if (CONFIG_PATHS.includes(path)) return false;
  if (path.split("/").some((segment) => SKIPPED_DIRS.has(segment))) return false;
  // a library copied into a web app's static assets (`static/.../javascripts/openlayers/OpenLayers.js`): not the application's
  if (isVendoredScriptPath(path)) return false;
  if (CI_DIRS.has(path.split("/")[0]) || CI_FILES.test(path)) return false;
  if (isTestPath(path)) return false;
  if (inMigrationFolder(path) || FLYWAY_JAVA_MIGRATION.test(path.slice(path.lastIndexOf("/") + 1))) return false;
  const migration = detectByPath(path, config);
  if (migration !== undefined && migration !== "sql-candidate") return false;
  // numbered SQL in a migrations folder is a migration even when its layout needs the content to tell
  if (/\.sql$/.test(path) && /(?:^|\/)[^/]*migrat[^/]*\//i.test(path)) return false;
  // SQL named as a migration (`data_workflow_migration.sql`, `v6.0__DS-2701_data_workflow_migration.sql`, scripts a
  // Java or Python migration runs): an older migration's SQL is history, not code that reads the table today
  if (/\.sql$/.test(path) && isMigrationNamed(path)) return false;
  return schemaDumpOf(path, config) === undefined;
}

/**
 * Folder-only verdict, for a walk: false when no file under `folder` (its path as isSearchableCodePath is given its
 * files' paths) can pass isSearchableCodePath, because one of its folders alone fails it: a migrations folder, a
 * test, vendored or generated tree, CI configuration. A migrations folder holds most files of a project that keeps
 * years of migrations, and its walk found nothing. A folder shown as `.` or `..` segments holds the working
 * directory, whose files are shown from there, not under it: entered.
 */
export function mayHoldSearchableCode(folder: string): boolean {
  const segments = folder.split("/");
  if (segments.every((segment) => segment === "." || segment === "..")) return true;
  if (segments.some((segment) => SKIPPED_DIRS.has(segment)) || CI_DIRS.has(segments[0])) return false;
  return !isTestFolder(folder) && !inMigrationFolder(`${folder}/`);
}

/**
 * Content verdict: text of a sane size (binary files have NUL bytes; huge files are data, not code), not an API's
 * generated code, not a library's minified or bannered script (vendored-code.ts: `path` says whether it is a script).
 */
export function isSearchableContent(content: string, config: Config, path?: string): boolean {
  if (content.length > config.max_file_bytes) return false;
  if (path !== undefined && isVendoredScript(path, content)) return false;
  return !content.slice(0, 8000).includes("\u0000") && !isGeneratedApiContent(content);
}
