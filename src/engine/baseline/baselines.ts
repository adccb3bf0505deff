/**
 * The line before which a migration set's migrations already ran on every database (strong_migrations'
 * `start_after`, Flyway's `baselineVersion`): their lint findings are not reported, as those tools do not check
 * them. They are still parsed and feed the history later migrations are judged against; review rules (an edit of
 * one) still judge them. Config `baseline` names it per migration folder and wins; otherwise the peers' own
 * declarations among the repository files count (declaration-paths.ts). Pure: the edges pass the files.
 */
import type { Config } from "../config.js";
import { migrationFolder } from "../database/decide.js";
import type { Migration, SourceFile } from "../model.js";
import { isWithin } from "../repository/fact-paths.js";
import { compareVersions } from "../migration-versions.js";
import { rubyReaders, rubyReadersLoaded } from "../adapters/rails/ruby-readers.js";
import { declarationAt, declaresFor, type Declaration } from "./declaration-paths.js";
import type { DeclaredVersion } from "./flyway-declarations.js";

/** One declared line, and where it was declared. */
export interface BaselineLine {
  version: string;
  /** how the declaration reads (`StrongMigrations.start_after = 20230101000000`) */
  said: string;
  path: string;
  line?: number;
}

/** What a run left unchecked: how many migrations, under which lines. */
export interface BaselineSummary {
  skipped: number;
  lines: Array<BaselineLine & { skipped: number }>;
}

type FlywayReaders = typeof import("./flyway-declarations.js");
let flywayReaders: FlywayReaders | undefined;

/** A version the runners order by number: 20230101000000, 42, Flyway's 1.2 or 1_2. */
const NUMBERED = /^\d+(?:[._]\d+)*$/;

const normaliseFolder = (folder: string): string => folder.replace(/^\.\//, "").replace(/\/+$/, "");

interface Declared extends BaselineLine, Declaration {}

export class Baselines {
  private declared?: Declared[];
  private readonly counts = new Map<BaselineLine, number>();
  private readonly alembicLines = new Map<string, ReadonlySet<string> | undefined>();
  private readonly configured: Map<string, BaselineLine>;

  constructor(
    config: Pick<Config, "baseline">,
    private readonly repositoryFiles: readonly SourceFile[],
    /** every migration of the run, history-only ones too: an Alembic revision's ancestors are among them */
    private readonly migrations: readonly Migration[],
    configPath = ".github/migguard.yml",
  ) {
    this.configured = new Map(Object.entries(config.baseline ?? {}).map(([folder, version]) => [normaliseFolder(folder), { version, said: `baseline: { ${normaliseFolder(folder)}: ${version} }`, path: configPath }]));
  }

  /** The readers of Flyway's and Spring's files, when a Flyway migration meets one of them and they are not loaded yet. */
  static readersToLoad(repositoryFiles: readonly SourceFile[], migrations: readonly Migration[]): Promise<void> | undefined {
    // plain SQL too: Flyway runs files of another prefix (spring.flyway.sql-migration-prefix=), whose schema it configures (flywaySchemaOf)
    if (flywayReaders || !migrations.some((m) => m.layout === "flyway" || m.layout === "plain-sql")) return undefined;
    if (!repositoryFiles.some((f) => { const d = declarationAt(f.path); return d !== undefined && declaresFor(d.kind) === "flyway"; })) return undefined;
    return import("./flyway-declarations.js").then((readers) => {
      flywayReaders = readers;
    });
  }

  /** The line `migration` is at or before, if any: its findings are not reported. */
  covering(migration: Migration): BaselineLine | undefined {
    const line = this.lineFor(migration);
    if (!line || !this.atOrBefore(migration, line.version)) return undefined;
    this.counts.set(line, (this.counts.get(line) ?? 0) + 1);
    return line;
  }

  /** What `covering` left unchecked so far; undefined when nothing. */
  summary(): BaselineSummary | undefined {
    const lines = [...this.counts].map(([line, skipped]) => ({ ...line, skipped }));
    return lines.length === 0 ? undefined : { skipped: lines.reduce((n, l) => n + l.skipped, 0), lines };
  }

  /** The config's line for the migration's folder, else the nearest declaration over it for its runner. */
  private lineFor(migration: Migration): BaselineLine | undefined {
    const configured = this.configured.get(migrationFolder(migration));
    if (configured) return configured;
    const runner = migration.framework === "rails" ? "rails" : migration.layout === "flyway" ? "flyway" : undefined;
    if (!runner) return undefined;
    const over = this.declarations().filter((d) => declaresFor(d.kind) === runner && isWithin(d.scope, migration.path));
    return over.sort((a, b) => b.scope.length - a.scope.length)[0];
  }

  private declarations(): Declared[] {
    if (this.declared) return this.declared;
    this.declared = [];
    for (const file of this.repositoryFiles) {
      const declaration = declarationAt(file.path);
      if (!declaration) continue;
      let read: DeclaredVersion | undefined;
      if (declaration.kind === "strong_migrations") read = rubyReadersLoaded() ? rubyReaders().strongMigrationsStartAfter(file) : undefined;
      else read = flywayReaders?.flywayDeclaration(declaration.kind, file);
      if (read) this.declared.push({ ...declaration, ...read, path: file.path });
    }
    return this.declared;
  }

  private atOrBefore(migration: Migration, version: string): boolean {
    if (migration.framework === "alembic") return this.alembicAtOrBefore(migration, version);
    if (migration.version === undefined) return false; // Flyway's repeatable migrations run again whenever they change
    if (migration.framework === "django") {
      // 0042, 0042_add_tags, or the app label first as `manage.py migrate` reads it: shop.0042
      const number = /^(?:\w+\.)?(\d+)(?:_\w*)?$/.exec(version)?.[1];
      return number !== undefined && BigInt(migration.version) <= BigInt(number);
    }
    // `_` separates Flyway's version parts (1_2 is 1.2); elsewhere it only groups digits, as Ruby writes 2023_01_01_000000
    const line = migration.layout === "flyway" ? version : version.replace(/_/g, "");
    return NUMBERED.test(line) && NUMBERED.test(migration.version) && compareVersions(migration.version, line) <= 0;
  }

  /** The revision (a unique prefix of its id, as Alembic takes one) and every revision it descends from, in its folder. */
  private alembicAtOrBefore(migration: Migration, version: string): boolean {
    const line = this.alembicLine(migrationFolder(migration), version);
    return line !== undefined && !!migration.revision && line.has(migration.revision.id);
  }

  /** The ids at or before `version` in `folder`, once per (folder, version): every migration of the folder asks. */
  private alembicLine(folder: string, version: string): ReadonlySet<string> | undefined {
    const key = `${folder}\0${version}`;
    if (this.alembicLines.has(key)) return this.alembicLines.get(key);
    const revisions = this.migrations.filter((m) => m.framework === "alembic" && m.revision && migrationFolder(m) === folder);
    const matches = revisions.filter((m) => m.revision!.id === version || m.revision!.id.startsWith(version));
    const exact = matches.find((m) => m.revision!.id === version);
    const start = exact ?? (matches.length === 1 ? matches[0] : undefined);
    let seen: Set<string> | undefined;
    if (start) {
      const byId = new Map(revisions.map((m) => [m.revision!.id, m]));
      seen = new Set<string>();
      const stack = [start.revision!.id];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(...(byId.get(id)?.revision?.after ?? []));
      }
    }
    this.alembicLines.set(key, seen);
    return seen;
  }
}

/**
 * The schema a Flyway migration runs in, as the nearest Flyway or Spring settings file over it configures it
 * (flyway.schemas, spring.flyway.default-schema, ...): the schema its unqualified table names are in. Undefined
 * when none says, or its readers are not loaded (Baselines.readersToLoad loads them for a Flyway migration).
 */
export function flywaySchemaOf(repositoryFiles: readonly SourceFile[]): (migration: Migration) => string | undefined {
  const readers = flywayReaders;
  if (!readers) return () => undefined;
  const declared = repositoryFiles.flatMap((file) => {
    const declaration = declarationAt(file.path);
    if (!declaration || declaration.kind === "strong_migrations") return [];
    const schema = readers.flywaySchemaDeclaration(declaration.kind, file);
    // Spring's Flyway reads its migrations from the module's classpath (src/main/resources/db/migration by default)
    const scope = declaration.kind.startsWith("spring-") ? [declaration.scope, "src/main/resources"].filter(Boolean).join("/") : declaration.scope;
    return schema ? [{ scope, schema }] : [];
  });
  return (migration) => {
    // Flyway's V files, or SQL files a changed prefix (spring.flyway.sql-migration-prefix=) leaves as plain SQL to migguard
    if (migration.layout !== "flyway" && migration.layout !== "plain-sql") return undefined;
    return declared.filter((d) => isWithin(d.scope, migration.path)).sort((a, b) => b.scope.length - a.scope.length)[0]?.schema;
  };
}
