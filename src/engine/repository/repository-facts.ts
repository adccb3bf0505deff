/**
 * What fixes may know about the repository around a migration, read from the files the edge passes in
 * (`repositoryFiles`, see fact-paths.ts): whether the project bundles strong_migrations, the column types of
 * its schema dump, and its Active Record models. Everything is read lazily, once per analysis.
 */
import { rustCrateFiles } from "./sqlx-plan.js";
import type { ModelFile } from "../adapters/rails/model-files.js";
import { rubyReaders, rubyReadersLoaded } from "../adapters/rails/ruby-readers.js";
import { readDjangoModels, type DjangoModel } from "../code/django-models.js";
import type { SourceFile, TypeRef } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { dumpedSchema, type DumpedSchema } from "./dumped-columns.js";
import { dirOf, isDjangoAppConfigPath, isDjangoModelPath, isGoModPath, isManifestPath, isSchemaDumpPath, isWithin, projectRootOf } from "./fact-paths.js";
import { lockfileGems, lockfileVersion } from "./lockfile.js";
import { isDeployPath } from "../deploy/deploy-paths.js";
import { alembicHeadFileOf, isAlembicHeadPath } from "./alembic-head-file.js";
import { isModelPath } from "../adapters/rails/model-path.js";
import { combinedRange, isPythonManifestPath, manifestNames, manifestRange, normalisedPackageName, pythonManifestDir, type VersionRange } from "./python-requirements.js";

/** What the edge read of the application's code: the files, and whether a bound stopped the read before the end. */
export interface ApplicationCodeRead {
  files: readonly SourceFile[];
  complete: boolean;
}

export class RepositoryFacts {
  private readonly manifests: SourceFile[];
  private readonly pythonManifests: SourceFile[];
  private readonly packageRanges = new Map<string, VersionRange | undefined>();
  private readonly manifestNames = new Map<string, Set<string>>();
  private readonly dumps: SourceFile[];
  private readonly headFiles: SourceFile[];
  private readonly modelSources: SourceFile[];
  private readonly gems = new Map<string, Set<string>>();
  private readonly schemas = new Map<string, DumpedSchema>();
  private models?: ModelFile[];
  private readonly djangoModels = new Map<string, DjangoModel[]>();
  private code?: ApplicationCodeRead;
  /** the Rust workspace's manifests and migration-macro sources (which crates reach a migrations folder: code/cargo-crate-graph.ts) */
  readonly rustCrates: readonly SourceFile[];

  /**
   * `applicationCode`: the application's code (Rails app/, lib/, config/; a Python project's modules), read by the
   * edge when a rule first asks (a lint of SQL files never does); what a planned removal searches for readers.
   */
  constructor(
    files: readonly SourceFile[],
    private readonly readApplicationCode?: () => ApplicationCodeRead,
    /** the code given with a review stopped at the App's limits (`max_code_files`, `max_code_bytes`) */
    readonly codeFilesCapped = false,
    /**
     * review: the base branch's version of the schema dumps the change edits. A column the change removes from the
     * dump (claim's govuk_verify_fields) is gone from the head's, and typed only there.
     */
    private readonly baseDumps: readonly SourceFile[] = [],
  ) {
    this.manifests = files.filter((f) => isManifestPath(f.path));
    this.rustCrates = rustCrateFiles(files);
    this.dumps = files.filter((f) => isSchemaDumpPath(f.path));
    this.pythonManifests = files.filter((f) => isPythonManifestPath(f.path));
    this.headFiles = files.filter((f) => isAlembicHeadPath(f.path));
    this.modelSources = files.filter((f) => !isManifestPath(f.path) && !isGoModPath(f.path) && !isPythonManifestPath(f.path) && !isSchemaDumpPath(f.path) && !isDeployPath(f.path) && !isAlembicHeadPath(f.path));
  }

  static none(): RepositoryFacts {
    return new RepositoryFacts([]);
  }

  /** The project of `migrationPath` bundles `gem`: its nearest Gemfile or Gemfile.lock (in a folder above it) names it. */
  bundles(migrationPath: string, gem: string): boolean {
    const above = this.manifests.filter((f) => isWithin(dirOf(f.path), migrationPath));
    const nearest = Math.max(-1, ...above.map((f) => dirOf(f.path).length));
    return above
      .filter((f) => dirOf(f.path).length === nearest)
      .some((f) => {
        let gems = this.gems.get(f.path);
        if (!gems) {
          // a Gemfile is Ruby: read when the Ruby readers are loaded (a Rails migration is analysed)
          gems = /(?:\.lock|\.locked)$/.test(f.path) ? lockfileGems(f.content) : rubyReadersLoaded() ? rubyReaders().gemfileGems(f.content) : new Set<string>();
          this.gems.set(f.path, gems);
        }
        return gems.has(gem);
      });
  }

  /** The file naming the head revision of the Alembic revisions in `migrationPath`'s folder (alembic-head-file.ts), if given. */
  alembicHeadFile(migrationPath: string): SourceFile | undefined {
    return alembicHeadFileOf(this.headFiles, migrationPath);
  }

  /** The version of `gem` the nearest Gemfile.lock (or gems.locked) above `migrationPath` resolves, if it lists it. */
  lockedGemVersion(migrationPath: string, gem: string): string | undefined {
    const locks = this.manifests.filter((f) => /(?:\.lock|\.locked)$/.test(f.path) && isWithin(dirOf(f.path), migrationPath));
    const nearest = Math.max(-1, ...locks.map((f) => dirOf(f.path).length));
    for (const f of locks) if (dirOf(f.path).length === nearest) return lockfileVersion(f.content, gem);
    return undefined;
  }

  /**
   * The versions of Python package `name` the project of `migrationPath` allows: its dependency files in the nearest
   * folder above the migration that has any (a lock file's version first); undefined when none names it.
   */
  pythonPackageRange(migrationPath: string, name: string): VersionRange | undefined {
    const above = this.pythonManifests.filter((f) => isWithin(pythonManifestDir(f.path), migrationPath));
    const key = `${name}\u0000${dirOf(migrationPath)}`;
    if (this.packageRanges.has(key)) return this.packageRanges.get(key);
    const found = above.map((f) => ({ f, r: manifestRange(f.path, f.content, name) })).filter((x) => x.r !== undefined);
    const nearest = Math.max(-1, ...found.map((x) => pythonManifestDir(x.f.path).length));
    const range = combinedRange(found.filter((x) => pythonManifestDir(x.f.path).length === nearest).map((x) => x.r!));
    this.packageRanges.set(key, range);
    return range;
  }

  /** Does a dependency file of the project of `migrationPath` (in a folder above it) name Python package `name`? */
  pythonPackageDeclared(migrationPath: string, name: string): boolean {
    const wanted = normalisedPackageName(name);
    return this.pythonManifests.some((f) => isWithin(pythonManifestDir(f.path), migrationPath) && this.namesIn(f).has(wanted));
  }

  /** The packages a dependency file names, read once per file: each driver of postgresDrivers() asks every file. */
  private namesIn(file: SourceFile): Set<string> {
    let names = this.manifestNames.get(file.path);
    if (!names) this.manifestNames.set(file.path, (names = manifestNames(file.path, file.content)));
    return names;
  }

  /** The type a schema dump of the migration's project gives table.column (a dump of another database lacks the table). */
  dumpedType(migrationPath: string, table: string, column: string): TypeRef | undefined {
    const root = projectRootOf(migrationPath);
    // the head's dumps first, then the base branch's (a column the change removed from the dump)
    for (const [side, dumps] of [["head", this.dumps], ["base", this.baseDumps]] as const) {
      for (const dump of dumps) {
        if (root === undefined || projectRootOf(dump.path) !== root) continue;
        const type = this.dumped(side, dump).columns.get(table, column);
        if (type) return type;
      }
    }
    return undefined;
  }

  /** A schema dump of the migration's project (the head's or the base branch's) creates table `table`. */
  dumpedTable(migrationPath: string, table: string): boolean {
    const root = projectRootOf(migrationPath);
    if (root === undefined) return false;
    return ([["head", this.dumps], ["base", this.baseDumps]] as const).some(([side, dumps]) => dumps.some((dump) => projectRootOf(dump.path) === root && this.dumped(side, dump).columns.has(table)));
  }

  /**
   * The columns a schema dump of the migration's project gives `table`, the base branch's dump first (in a review,
   * the schema before the change's migrations; the head's may already show what they do), then the head's.
   */
  dumpedColumnNames(migrationPath: string, table: string): { path: string; columns: ReadonlySet<string> } | undefined {
    const root = projectRootOf(migrationPath);
    if (root === undefined) return undefined;
    for (const [side, dumps] of [["base", this.baseDumps], ["head", this.dumps]] as const)
      for (const dump of dumps) {
        if (projectRootOf(dump.path) !== root) continue;
        const columns = this.dumped(side, dump).columnNames.get(nameKey(table));
        if (columns) return { path: dump.path, columns };
      }
    return undefined;
  }

  /** A schema dump of the migration's project (the head's) creates `name` as a materialized view. */
  dumpedMaterializedView(migrationPath: string, name: string): boolean {
    const root = projectRootOf(migrationPath);
    return root !== undefined && this.dumps.some((dump) => projectRootOf(dump.path) === root && this.dumped("head", dump).materializedViews.has(nameKey(name)));
  }

  /** A dump read once per analysis (each side's own). */
  private dumped(side: "head" | "base", dump: SourceFile): DumpedSchema {
    const key = `${side}:${dump.path}`;
    let schema = this.schemas.get(key);
    if (!schema) this.schemas.set(key, (schema = dumpedSchema(dump.path, dump.content)));
    return schema;
  }

  /** The application's code the edge reads on demand (none when it gives no reader): read once per analysis. */
  applicationCode(): readonly SourceFile[] {
    return this.readCode().files;
  }

  /** Whether the code read is all there is (no bound stopped the walk); true when none was read. */
  applicationCodeComplete(): boolean {
    return this.readCode().complete;
  }

  private readCode(): ApplicationCodeRead {
    return (this.code ??= this.readApplicationCode?.() ?? { files: [], complete: true });
  }

  /** The model files given (app/models) of the project around the migration. */
  modelSourcesOf(migrationPath: string): SourceFile[] {
    const root = projectRootOf(migrationPath) ?? "";
    return this.modelSources.filter((f) => isModelPath(f.path) && (isWithin(projectRootOf(f.path) ?? "", root) || isWithin(root, projectRootOf(f.path) ?? "")));
  }

  /** The Django model files given (models.py, models/*.py) of the app whose migrations/ folder holds `migrationPath`. */
  djangoModelSourcesOf(migrationPath: string): SourceFile[] {
    const app = dirOf(dirOf(migrationPath));
    const prefix = app ? `${app}/` : "";
    return this.modelSources.filter((f) => isDjangoModelPath(f.path) && (f.path === `${prefix}models.py` || f.path.startsWith(`${prefix}models/`)));
  }

  /** Every Django model file given, of every app. */
  djangoModelSources(): SourceFile[] {
    return this.modelSources.filter((f) => isDjangoModelPath(f.path));
  }

  /** The Django apps.py files given (the AppConfigs that name the apps' labels). */
  djangoAppConfigSources(): SourceFile[] {
    return this.modelSources.filter((f) => isDjangoAppConfigPath(f.path));
  }

  /** The Django models of those files, read once per app. */
  djangoModelsOf(migrationPath: string): DjangoModel[] {
    const app = dirOf(dirOf(migrationPath));
    let models = this.djangoModels.get(app);
    if (!models) this.djangoModels.set(app, (models = readDjangoModels(this.djangoModelSourcesOf(migrationPath))));
    return models;
  }

  /** The acronyms the inflections of the Rails project around the migration declare (`inflect.acronym "API"`). */
  railsAcronyms(migrationPath: string): readonly string[] {
    if (!rubyReadersLoaded()) return [];
    return rubyReaders().projectAcronyms(this.modelSources, projectRootOf(migrationPath) ?? "");
  }

  /** The Active Record model of `table` in the project around the migration (from the models given, plus `codeFiles`). */
  model(migrationPath: string, table: string, codeFiles: readonly SourceFile[] = []): ModelFile | undefined {
    // models are Ruby: read when the Ruby readers are loaded (a Rails migration is analysed)
    if (!rubyReadersLoaded()) return undefined;
    const { readModelFiles } = rubyReaders();
    this.models ??= readModelFiles(this.modelSources);
    const root = projectRootOf(migrationPath) ?? "";
    const candidates = [...this.models, ...readModelFiles(codeFiles)].filter((m) => {
      const own = projectRootOf(m.path) ?? "";
      return isWithin(own, root) || isWithin(root, own);
    });
    const wanted = nameKey(table).split(".").pop();
    // the most specific name a model answers to is the last it lists (its table_name, or Spree::Variant's spree_variants)
    return candidates.find((m) => m.tables.at(-1) === wanted) ?? candidates.find((m) => m.tables.includes(wanted ?? ""));
  }
}
