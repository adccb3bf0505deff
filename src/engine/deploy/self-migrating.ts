/**
 * Applications that apply their own migrations in-process at start, before they serve (pocket-id: golang-migrate
 * with the migrations embedded through `source/iofs`, run from its bootstrap): with one container and no overlap,
 * nothing serves while the migration runs, the same as an entrypoint that migrates first (deploy-model.ts).
 * Read from the project's own code and build files, never from a guess:
 * - Go: a go.mod that requires golang-migrate or goose, and a Go file, chosen by its imports (go-imports.ts), that
 *   imports golang-migrate's `source/iofs` and calls `.Up()` / `.Migrate(`, or goose with an `embed.FS` (of its
 *   package or another of the module) passed to `goose.SetBaseFS` and `goose.Up` (go-startup.ts, tree-sitter's Go grammar),
 *   or a library that runs each file in its own transaction (maragudk/migrate: gitness) called from a package with a
 *   `//go:embed` FS;
 * - Rust: a source of a crate whose Cargo.toml depends on the library (read at crate level, rust-crates.ts: lemmy's
 *   crates/diesel_utils/src/schema_setup/mod.rs) that runs `sqlx::migrate!(...).run(..)`, diesel's `embed_migrations!`
 *   with `run_pending_migrations`, or refinery's `embed_migrations!` with `runner().run(...)` (rust-startup.ts,
 *   tree-sitter's Rust grammar);
 * - Spring Boot: flyway-core or liquibase-core beside spring-boot in pom.xml / build.gradle (Boot runs them before
 *   the web server), unless `spring.flyway.enabled` / `spring.liquibase.enabled` is false in application config;
 * - Jakarta EE: a `@Startup @Singleton` EJB whose `@PostConstruct` runs Flyway's `migrate()` or Liquibase's
 *   `update(...)` (java-startup.ts, tree-sitter's Java grammar);
 * - Node: start code that runs knex's `migrate.latest()`, umzug's `up()`, TypeORM's `runMigrations()`, drizzle's
 *   `migrate(...)` or Prisma's programmatic `applyMigrations()` before `listen(...)`, or waits there for a migrate
 *   command it runs through child_process (`exec("npx prisma migrate deploy", cb)`) (node-start.ts, Babel's parser);
 * - Rails: an initializer named for migrating that runs `ActiveRecord::Tasks::DatabaseTasks.migrate` (or a migration
 *   context's `migrate`, `Rake::Task["db:migrate"].invoke`) at boot (rails-boot-migration.ts, Prism).
 * Which function calls the Go or Rust code is not followed: a file under a `cmd/<...migrat...>/` folder, a
 * `src/bin/migrate.rs` or a crate of its own for migrating (`migration/src/main.rs`) is a command of its own, not the
 * server's start, and is left out.
 */
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { lineAt } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { isComposePath, isDevelopmentPath, isDockerfilePath, isGoSourcePath, isJavaMigratorPath, isJvmBuildPath, isNodeSourcePath, isNodeStartPath, isRailsMigrateInitializerPath, isRustStartPath, isSpringConfigPath, isTsconfigPath } from "./deploy-paths.js";
import { goImports } from "./go-imports.js";
import { isWorkspaceStartPath, nodeEntryPaths, nodeManifests } from "./node-scripts.js";
import { deployGo, deployJava, deployJavaScript, deployRuby, deployRust, deployYaml } from "./deploy-readers.js";
import type { GoImport, GoName } from "./go-startup.js";
import { GOOSE_MODULE, goModulePath, goModules } from "../repository/go-mod.js";
import { alwaysInTransaction, importsTransactionalRunner } from "../repository/go-runners.js";
import { isWithin } from "../repository/fact-paths.js";
import { crateManifestOf, crateMigrators, namesRustMigrationMacro, RUST_MIGRATORS, type RustMigrator } from "./rust-crates.js";
import type { RustStartupFacts } from "./rust-startup.js";

/** a separate migrate command (`cmd/migrate/main.go`, `src/bin/migrate.rs`): a deploy step, not the server's start */
const isMigrateCommand = (path: string) => /(?:^|\/)(?:cmd|bin)\/[\w.-]*migrat[\w.-]*\//i.test(path) || /(?:^|\/)bin\/[\w-]*migrat[\w-]*\.rs$/i.test(path);
/** Go line comments blanked out (same length, so offsets keep their lines) */
const withoutLineComments = (text: string) => text.replace(/\/\/.*$/gm, (m) => " ".repeat(m.length));

/** golang-migrate and goose, by the module paths their packages are imported from */
const GO_MIGRATE_MODULE = "github.com/golang-migrate/migrate/v4";
const GO_MIGRATE_IOFS = `${GO_MIGRATE_MODULE}/source/iofs`;

const isGoMigratorImport = (i: string) => i === GO_MIGRATE_MODULE || i.startsWith(`${GO_MIGRATE_MODULE}/`) || GOOSE_MODULE.test(i);

/** A Go file read for a start-up migration: it imports a migrator, or `embed` (the FS goose's migrations may come from). */
export const isGoStartupSource = (content: string): boolean => {
  const imports = goImports(content);
  return imports.includes("embed") || imports.some(isGoMigratorImport);
};

const requiresModule = (mod: SourceFile, module: RegExp) => module.test(mod.content);
const REQUIRES_GO_MIGRATE = /^\s*(?:require\s+)?github\.com\/golang-migrate\/migrate\/v4\s/m;
const REQUIRES_GOOSE = /^\s*(?:require\s+)?github\.com\/pressly\/goose(?:\/v\d+)?\s/m;

/**
 * The folders of the Go modules whose go.mod requires golang-migrate, goose or a library that runs each file in a
 * transaction (maragudk/migrate: go-transaction-runner.ts): their Go files are read by imports.
 */
export const migratingGoModules = (files: readonly SourceFile[]): string[] =>
  files
    .filter((f) => baseOf(f.path) === "go.mod" && (requiresModule(f, REQUIRES_GO_MIGRATE) || requiresModule(f, REQUIRES_GOOSE) || goModules(f.content).some((m) => alwaysInTransaction(m) !== undefined)))
    .map((f) => dirOf(f.path));

function goApp(files: readonly SourceFile[]): DeployEvidence | undefined {
  const mods = files.filter((f) => baseOf(f.path) === "go.mod");
  const requires = (module: RegExp) => mods.some((m) => requiresModule(m, module));
  // which files: the ones that import the migrator, wherever they are (pocket-id's internal/utils/db_migration_util.go,
  // an internal/bootstrap/db.go), except a migrate command of its own
  for (const file of files) {
    if (!isGoSourcePath(file.path) || isMigrateCommand(file.path)) continue;
    const imports = goImports(file.content);
    const code = withoutLineComments(file.content);
    if (requires(REQUIRES_GO_MIGRATE) && imports.includes(GO_MIGRATE_IOFS)) {
      const call = /\.(?:Up|Migrate)\(/.exec(code);
      if (call) return { path: file.path, line: lineAt(code, call.index), what: "the application applies its embedded golang-migrate migrations (source/iofs) at start, before it serves" };
    }
    const goose = requires(REQUIRES_GOOSE) && imports.some((i) => GOOSE_MODULE.test(i)) ? gooseStartup(file, files) : undefined;
    if (goose) return goose;
    const library = importsTransactionalRunner(file.content) ? embeddedLibraryStartup(file, files) : undefined;
    if (library) return library;
  }
  return undefined;
}

/**
 * goose run from the binary: `goose.SetBaseFS(fs)` with an `embed.FS` that a `//go:embed` directive fills, and
 * `goose.Up` / `goose.UpContext`, goose imported under any name (go-startup.ts, tree-sitter's Go grammar). The FS may
 * be declared in this package or in another package of the module the file imports (bitmagnet's migrator.go passes
 * `migrationssql.FS`, declared in migrations/migrations.go): the migrations ship in the binary either way.
 */
function gooseStartup(file: SourceFile, files: readonly SourceFile[]): DeployEvidence | undefined {
  const facts = deployGo().goStartupFacts(file);
  const gooseImport = facts?.imports.find((i) => GOOSE_MODULE.test(i.path));
  if (!facts || !gooseImport || gooseImport.name === "_" || gooseImport.name === ".") return undefined;
  // goose's package clause is `package goose`: the name it is used under unless the import renames it
  const calls = facts.calls.filter((c) => c.package === (gooseImport.name ?? "goose"));
  const baseFs = calls.find((c) => c.function === "SetBaseFS")?.firstArgument;
  const up = calls.find((c) => c.function === "Up" || c.function === "UpContext");
  if (!baseFs || !up || !embedFsDeclared(baseFs, file, facts.imports, files)) return undefined;
  const where = baseFs.package ? ` (${baseFs.package}.${baseFs.name})` : "";
  return { path: file.path, line: up.line, what: `the application applies its embedded goose migrations${where} at start, before it serves` };
}

/**
 * A migration library called with the migrations in the binary: gitness's migrate.go imports maragudk/migrate,
 * declares `//go:embed postgres/*.sql` FS variables and calls `migrate.New(opts).MigrateUp(ctx)`
 * (go-transaction-runner.ts finds the call). The `embed.FS` is read in the file's package, as for goose.
 */
function embeddedLibraryStartup(file: SourceFile, files: readonly SourceFile[]): DeployEvidence | undefined {
  const call = deployGo().goLibraryTransactionRunner(file);
  if (!call || !goFilesIn(files, dirOf(file.path)).some((f) => (deployGo().goStartupFacts(f)?.embedFsVars.size ?? 0) > 0)) return undefined;
  return { path: file.path, line: call.line, what: `the application applies its embedded migrations (//go:embed) with ${call.library} at start, before it serves` };
}

/** The Go files of a folder (one package), tests left out. */
const goFilesIn = (files: readonly SourceFile[], dir: string) => files.filter((f) => isGoSourcePath(f.path) && dirOf(f.path) === dir);

/** `name` is an `embed.FS` under `//go:embed` in `file`'s package, or in the package of the module it imports as `name.package`. */
function embedFsDeclared(name: GoName, file: SourceFile, imports: readonly GoImport[], files: readonly SourceFile[]): boolean {
  const declares = (f: SourceFile, packageName?: string) => {
    const facts = deployGo().goStartupFacts(f);
    return !!facts && facts.embedFsVars.has(name.name) && (packageName === undefined || facts.packageName === packageName);
  };
  if (!name.package) return goFilesIn(files, dirOf(file.path)).some((f) => declares(f));
  const module = goModuleOf(file.path, files);
  if (!module) return false;
  return imports.some((i) => {
    if (i.name !== undefined && i.name !== name.package) return false;
    if (i.path !== module.path && !i.path.startsWith(`${module.path}/`)) return false;
    const dir = [module.dir, i.path.slice(module.path.length + 1)].filter(Boolean).join("/");
    // an import without a name is used under the package's own name, which its files' package clause says
    return goFilesIn(files, dir).some((f) => declares(f, i.name === undefined ? name.package : undefined));
  });
}

/** The module a Go file belongs to: the nearest go.mod above it, with the module path it declares. */
function goModuleOf(path: string, files: readonly SourceFile[]): { dir: string; path: string } | undefined {
  const mods = files.filter((f) => baseOf(f.path) === "go.mod" && isWithin(dirOf(f.path), path)).sort((a, b) => b.path.length - a.path.length);
  const nearest = mods[0];
  const modulePath = nearest && goModulePath(nearest.content);
  return modulePath ? { dir: dirOf(nearest.path), path: modulePath } : undefined;
}

/** a crate of its own for migrating (`migration/src/main.rs`): its binary is a deploy step, not the server's start */
const isRustMigrateCrateMain = (path: string) => /(?:^|\/)[\w.-]*migrat[\w.-]*\/src\/main\.rs$/i.test(path);

/** sqlx's `migrate!(..)` (written bare after `use sqlx::migrate`, or as `sqlx::migrate!`) run with `.run(pool)`, through any builder calls between */
const sqlxMigrateRun = (facts: RustStartupFacts) =>
  facts.calls.map((c) => (c.via === "method" && c.name === "run" && c.start?.kind === "macro" && c.start.macro.name === "migrate" && (c.start.macro.path ?? "sqlx") === "sqlx" ? c.start.macro : undefined)).find((m) => m !== undefined);

const embedsMigrations = (facts: RustStartupFacts) => facts.macros.some((m) => m.name === "embed_migrations");

/**
 * The calls that apply each library's embedded migrations, read from the file's syntax tree (rust-startup.ts,
 * tree-sitter's Rust grammar): a name in a comment or a string is not a call. The line is the one the old text
 * match gave: the macro for sqlx, the call's name for diesel, `runner()` for refinery.
 */
const RUST_MIGRATION_CALLS: ReadonlyArray<{ migrator: RustMigrator; line: (facts: RustStartupFacts) => number | undefined; what: string }> = [
  { migrator: "sqlx", line: (facts) => sqlxMigrateRun(facts)?.line, what: "its embedded sqlx migrations (sqlx::migrate!)" },
  // diesel's harness, called on the connection or through a wrapper of it in the same file (lemmy's schema_setup),
  // or through its trait's path (`MigrationHarness::run_pending_migrations(&mut conn, M)`)
  {
    migrator: "diesel_migrations",
    line: (facts) => (embedsMigrations(facts) ? facts.calls.find((c) => c.name === "run_pending_migrations" && c.via !== "bare")?.line : undefined),
    what: "its embedded diesel migrations (embed_migrations!, run_pending_migrations)",
  },
  // refinery's module of embedded migrations: `migrations::runner()`, builder calls, then `.run(..)` / `.run_async(..)`
  {
    migrator: "refinery",
    line: (facts) =>
      embedsMigrations(facts)
        ? facts.calls.map((c) => (c.via === "method" && (c.name === "run" || c.name === "run_async") && c.start?.kind === "call" && c.start.name === "runner" && c.start.arguments === 0 ? c.start.line : undefined)).find((l) => l !== undefined)
        : undefined,
    what: "its embedded refinery migrations (embed_migrations!, runner().run)",
  },
];

/**
 * Rust: a crate source that applies the migrations its library embeds in the binary (rust-crates.ts). The crate's
 * Cargo.toml, when read, must depend on that library; without one, only a file named for starting or migrating (a
 * main.rs) is read, as the App read them by name before it read crates. Only a source that names a migration macro
 * (isRustStartupSource, a text filter) is parsed.
 */
function rustApp(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const file of files) {
    if (!namesRustMigrationMacro(file) || isMigrateCommand(file.path) || isRustMigrateCrateMain(file.path)) continue;
    const manifest = crateManifestOf(file.path, files);
    const migrators: readonly RustMigrator[] = manifest ? crateMigrators(manifest) : isRustStartPath(file.path) ? RUST_MIGRATORS : [];
    if (migrators.length === 0) continue;
    const facts = deployRust().rustStartupFacts(file);
    if (!facts) continue;
    for (const { migrator, line, what } of RUST_MIGRATION_CALLS) {
      const at = migrators.includes(migrator) ? line(facts) : undefined;
      if (at !== undefined) return { path: file.path, line: at, what: `the application runs ${what} at start, before it serves` };
    }
  }
  return undefined;
}

/** `spring.<tool>.enabled=false` in a properties file, or in an application*.yml (the YAML parser, deploy-yaml.ts) */
export function springToolDisabled(file: SourceFile, tool: "flyway" | "liquibase"): boolean {
  if (file.path.endsWith(".properties")) return new RegExp(`^\\s*spring\\.${tool}\\.enabled\\s*[=:]\\s*false\\b`, "m").test(file.content);
  return deployYaml().springYamlDisables(file, tool);
}

/**
 * The container turns the tool off: `SPRING_FLYWAY_ENABLED=false` in a compose `environment:` or a Dockerfile `ENV`,
 * or `--spring.flyway.enabled=false` on the command line (production files only)
 */
function containerDisables(files: readonly SourceFile[], tool: "flyway" | "liquibase"): boolean {
  const off = new RegExp(`\\bSPRING_${tool.toUpperCase()}_ENABLED["']?\\s*[=:]\\s*["']?false\\b|--spring\\.${tool}\\.enabled=false\\b`);
  return files.some((f) => (isDockerfilePath(f.path) || isComposePath(f.path)) && !isDevelopmentPath(f.path) && off.test(f.content));
}

/** Flyway and Liquibase as a build file (pom.xml, build.gradle) names their artifacts */
const JVM_MIGRATORS = [["flyway", /\bflyway-core\b|org\.flywaydb:flyway-(?:database-)?\w+/], ["liquibase", /\bliquibase-core\b/]] as const;

/** The folders of the JVM modules whose build file depends on Flyway or Liquibase (their Java files named for it are read). */
export const migratingJvmModules = (files: readonly SourceFile[]): string[] =>
  files.filter((f) => isJvmBuildPath(f.path) && JVM_MIGRATORS.some(([, artifact]) => artifact.test(f.content))).map((f) => dirOf(f.path));

function springApp(files: readonly SourceFile[]): DeployEvidence | undefined {
  // a development or test profile that turns Flyway off says nothing of production
  const configs = files.filter((f) => isSpringConfigPath(f.path) && !isDevelopmentPath(f.path));
  for (const file of files) {
    if (!isJvmBuildPath(file.path) || !/spring-boot/.test(file.content)) continue;
    for (const [tool, artifact] of JVM_MIGRATORS) {
      const dependency = artifact.exec(file.content);
      if (!dependency || configs.some((c) => springToolDisabled(c, tool)) || containerDisables(files, tool)) continue;
      return { path: file.path, line: lineAt(file.content, dependency.index), what: `Spring Boot runs ${tool === "flyway" ? "Flyway" : "Liquibase"} (on the classpath here) at start, before the web server serves` };
    }
  }
  return undefined;
}

/**
 * Jakarta EE: a `@Startup @Singleton` EJB whose `@PostConstruct` runs Flyway or Liquibase (java-startup.ts): the
 * application server runs it when it deploys the application, before it delivers a request to it.
 */
function jakartaApp(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const file of files) {
    if (!isJavaMigratorPath(file.path)) continue;
    const migration = deployJava().javaStartupMigration(file);
    if (migration)
      return { path: file.path, line: migration.line, what: `the application server runs ${migration.tool} (${migration.method}, a @Startup singleton's @PostConstruct) when it deploys the application, before it serves` };
  }
  return undefined;
}

/** Node: start code that runs knex / umzug / TypeORM / drizzle / Prisma migrations before the server listens (node-start.ts). */
function nodeApp(files: readonly SourceFile[]): DeployEvidence | undefined {
  // start files: named like one, or what package.json's main and scripts run, or named like one in a workspace package
  const manifests = nodeManifests(files);
  const entries = new Set(nodeEntryPaths(files));
  const isStart = (path: string) => isNodeStartPath(path) || entries.has(path) || isWorkspaceStartPath(path, manifests);
  const sources = files.filter((f) => isNodeSourcePath(f.path));
  // the tsconfig.json files map a bare import (`server/util` under `"baseUrl": "src"`) to the project's file
  const resolvable = [...sources, ...files.filter((f) => isTsconfigPath(f.path))];
  for (const file of sources) {
    if (!isStart(file.path) || isDevelopmentPath(file.path)) continue;
    const migration = deployJavaScript().startMigration(file, resolvable);
    if (!migration) continue;
    const caller = migration.calledAt ? `, called from ${migration.calledAt.path}:${migration.calledAt.line}` : "";
    return { path: migration.path ?? file.path, line: migration.line, what: `the application runs its ${migration.migrator} migrations (${migration.call}${caller}) before the server listens` };
  }
  return undefined;
}

/** Rails: an initializer that applies the migrations at boot, before Puma serves (rails-boot-migration.ts, Prism). */
function railsApp(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const file of files) {
    if (!isRailsMigrateInitializerPath(file.path)) continue;
    const migration = deployRuby().bootMigration(file);
    if (migration) return { path: file.path, line: migration.line, what: `the application runs its migrations at boot (\`${migration.call}\` in an initializer), before it serves` };
  }
  return undefined;
}

/** The line that shows the application applies its own migrations at start, if any. */
export function selfMigratingApp(files: readonly SourceFile[]): DeployEvidence | undefined {
  return goApp(files) ?? rustApp(files) ?? springApp(files) ?? jakartaApp(files) ?? nodeApp(files) ?? railsApp(files);
}
