/**
 * `migguard drift`: production's schema (a snapshot) against the schema the repository's migrations build,
 * one `schema-drift` finding per difference, naming the object and both sides. The runners' bookkeeping
 * tables are left out (production has rows in them, the comparison is about the application's schema), and
 * so are what a test database cannot share with production: privileges and owners (roles live outside the
 * migrations) and extension versions (the server's packages decide them).
 */
import picomatch from "picomatch";
import { adapterFor } from "../engine/adapters/index.js";
import type { Config } from "../engine/config.js";
import { SCHEMA_DRIFT } from "../engine/drift-rules.js";
import { groupMigrations } from "../engine/group.js";
import type { Migration, Operation, ReportedFinding, SourceFile } from "../engine/model.js";
import type { ProductionSnapshot } from "../engine/production/snapshot-file.js";
import { compareModels, type ModelDifference } from "../engine/production/model-drift.js";
import { productionModel, type ModelSchema } from "../engine/production/model-schema.js";
import { railsType } from "../engine/rules/support/rails-fix.js";
import { sym } from "../engine/rules/support/fix.js";
import { catalogType } from "../engine/production/model-schema.js";
import { columnShape } from "../engine/production/production.js";
import { nameKey } from "../engine/rules/support/facts.js";
import { effectiveSeverity } from "../engine/severity.js";
import { RUNNER_TABLE_NAMES } from "./runner-tables.js";
import { diffSnapshots, displayName, quotedWhole, type SchemaChange } from "./schema-diff.js";
import { createStatement } from "./schema-ddl.js";
import type { SchemaObject, Snapshot } from "./snapshot.js";

export interface DriftDifference {
  change: "only in production" | "only in migrations" | "differs";
  object: SchemaObject;
  production?: string;
  migrations?: string;
}

/** `public.schema_migrations` and what hangs off it (its key, its sequence). */
const bare = (name: string) => (name.split(".").pop() ?? name).replace(/"/g, "");
const isBookkeeping = (object: SchemaObject) =>
  ((object.kind === "table" || object.kind === "sequence") && RUNNER_TABLE_NAMES.has(bare(object.name))) || (object.parent !== undefined && RUNNER_TABLE_NAMES.has(bare(object.parent)));

/** What a test database cannot share with production. */
function comparable(object: SchemaObject): SchemaObject {
  if (object.kind === "table") return { ...object, definition: object.definition.replace(/\s*privileges \S*$/, "") };
  if (object.kind === "extension") return { ...object, definition: object.definition.replace(/^version \S+ /, "") };
  return object;
}

function keyed(objects: readonly SchemaObject[], ignored: (object: SchemaObject) => boolean): Snapshot {
  return new Map(objects.filter((o) => !isBookkeeping(o) && !ignored(o)).map((o) => [`${o.kind} ${o.name}`, comparable(o)]));
}

/** Config `drift_ignore` over a model difference's kind and name. */
function ignoringModel(globs: readonly string[]): (kind: string, name: string) => boolean {
  const match = globs.length ? picomatch(globs as string[], { dot: true, nocase: true }) : undefined;
  return (kind, name) => RUNNER_TABLE_NAMES.has(bare(name.split(".")[0] ?? name)) || (match !== undefined && (match(name) || match(`${kind} ${name}`)));
}

/** Config `drift_ignore`: globs over an object's name (`audit.*`, `users_legacy_idx`) or "kind name" (`extension pg_stat_statements`). */
function ignoring(globs: readonly string[]): (object: SchemaObject) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch(globs as string[], { dot: true, nocase: true });
  return (object) => {
    const name = displayName(object.name).replace(/"/g, "");
    return match(name) || match(`${object.kind} ${name}`);
  };
}

export function compareWithProduction(production: readonly SchemaObject[], migrations: readonly SchemaObject[], ignore: readonly string[] = []): DriftDifference[] {
  const ignored = ignoring(ignore);
  const changes: SchemaChange[] = diffSnapshots(keyed(migrations, ignored), keyed(production, ignored));
  return changes.map((c) =>
    c.change === "left over"
      ? { change: "only in production", object: c.object, production: c.object.definition }
      : c.change === "missing"
        ? { change: "only in migrations", object: c.object, migrations: c.object.definition }
        : { change: "differs", object: c.object, production: c.object.definition, migrations: c.before },
  );
}

const member = (object: SchemaObject) => (object.parent && object.name.startsWith(`${object.parent}.`) ? object.name.slice(object.parent.length + 1) : object.name);

function message(d: DriftDifference): string {
  const name = displayName(d.object.name);
  const what = d.object.kind === "column" ? `column ${name}` : `${d.object.kind} ${name}`;
  switch (d.change) {
    case "only in production":
      return `${what} exists in production but no migration creates it${d.object.kind === "column" ? ` (production: ${displayName(d.production ?? "")})` : ""}.`;
    case "only in migrations":
      return `${what} is created by the migrations but production does not have it.`;
    case "differs":
      if (d.object.kind === "column") return `${name} is ${displayName(d.production ?? "")} in production, ${displayName(d.migrations ?? "")} in the migrations.`;
      if (quotedWhole(d.object)) return `${what} has a different definition in production than in the migrations.`;
      return `${what} differs: production \`${displayName(d.production ?? "")}\`, migrations \`${displayName(d.migrations ?? "")}\`.`;
  }
}

function fix(d: DriftDifference): string {
  const record = createStatement(d.object);
  switch (d.change) {
    case "only in production":
      return record
        ? `-- a migration that records the hotfix (or remove it from production):\n${record}`
        : `-- add a migration that creates ${d.object.kind} ${displayName(d.object.name)} as production has it, or remove it from production`;
    case "only in migrations":
      return `-- production lacks it: a migration that creates it has not run there, or it was dropped by hand.\n-- run the missing migration, or add one that drops ${d.object.kind} ${displayName(d.object.name)} if production is right`;
    case "differs":
      if (d.object.kind === "column" && d.object.parent) {
        const type = (d.production ?? "").split(/ (?:collate|not null|default|generated) /)[0];
        return `-- a migration that records production's definition (or change production back):\nALTER TABLE ${displayName(d.object.parent)} ALTER COLUMN ${member(d.object)} TYPE ${type};`;
      }
      return `-- a migration that records production's definition (or change production back):\n${record ?? `-- production: ${displayName(d.production ?? "")}`}`;
  }
}

/** The migration that last touches an object the migrations make, for a finding's location. */
function touchedBy(migrations: readonly Migration[], object: SchemaObject): { path: string; line: number; statement: string } | undefined {
  const name = nameKey(object.name);
  const parent = object.parent ? nameKey(object.parent) : undefined;
  const column = object.kind === "column" ? nameKey(member(object).replace(/^"|"$/g, "")) : undefined;
  const touches = (op: Operation): boolean => {
    switch (object.kind) {
      case "table":
        return (op.kind === "create_table" && nameKey(op.table) === name) || (op.kind === "rename_table" && nameKey(op.newName) === name);
      case "column":
        if (!("table" in op) || typeof op.table !== "string" || nameKey(op.table) !== parent) return false;
        if (op.kind === "create_table") return op.columns.some((c) => nameKey(c.name) === column);
        if (op.kind === "add_column" || op.kind === "redefine_column") return nameKey(op.column.name) === column;
        if (op.kind === "rename_column") return nameKey(op.newName) === column;
        return "column" in op && typeof op.column === "string" && nameKey(op.column) === column;
      case "index":
        return op.kind === "add_index" && op.name !== undefined && nameKey(op.name) === name;
      case "constraint":
        return op.kind === "add_constraint" && op.name !== undefined && `${nameKey(op.table)}.${nameKey(op.name)}` === name;
      default:
        return op.kind === "create_object" && nameKey(op.name) === name.replace(/\(.*$/, "");
    }
  };
  let found: { path: string; line: number; statement: string } | undefined;
  for (const migration of migrations) for (const op of migration.up) if (touches(op)) found = { path: migration.path, line: op.loc.line, statement: op.text };
  return found;
}

/** Line of an object in a snapshot file written by `migguard snapshot` (pretty-printed JSON), else 1. */
function lineIn(text: string, object: SchemaObject): number {
  const at = text.indexOf(`"kind": ${JSON.stringify(object.kind)},\n      "name": ${JSON.stringify(object.name)}`);
  if (at === -1) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line + 1;
}

export interface DriftInput {
  snapshot: ProductionSnapshot;
  /** the snapshot file as given (findings on objects only production has point into it) */
  snapshotPath: string;
  snapshotText: string;
  /** the schema the repository builds */
  built: readonly SchemaObject[];
  /** the migrations it was built from (findings point at the one that made the object) */
  files: readonly SourceFile[];
  config: Config;
}

export function driftFindings(input: DriftInput): ReportedFinding[] {
  const severity = effectiveSeverity(input.config, SCHEMA_DRIFT);
  if (!severity) return [];
  const { units } = groupMigrations(input.files, input.config);
  const migrations = units.flatMap((unit) => {
    const adapter = adapterFor(unit.file.framework);
    try {
      const migration = adapter?.parse(unit);
      return migration ? [migration] : [];
    } catch {
      return [];
    }
  });
  return compareWithProduction(input.snapshot.schema, input.built, input.config.drift_ignore).map((d) => {
    const made = d.change === "only in production" ? undefined : touchedBy(migrations, d.object);
    const line = made?.line ?? (d.change === "only in migrations" ? 1 : lineIn(input.snapshotText, d.object));
    return {
      path: made?.path ?? input.snapshotPath,
      line,
      endLine: line,
      rule: SCHEMA_DRIFT.id,
      category: SCHEMA_DRIFT.category,
      severity,
      message: message(d),
      fix: fix(d),
      statement: `${d.change} ${d.object.kind} ${d.object.name}`,
      details: [
        ...(d.production !== undefined ? [`production (snapshot of ${input.snapshot.takenAt.slice(0, 10)}): ${displayName(d.production)}`] : []),
        ...(d.migrations !== undefined ? [`migrations: ${displayName(d.migrations)}`] : []),
      ],
    };
  });
}

export interface ModelDriftInput {
  snapshot: ProductionSnapshot;
  snapshotPath: string;
  snapshotText: string;
  /** the schema the model built (schema.rb, or the migrations applied in order) */
  built: ModelSchema;
  framework: "rails" | "django";
  /** compare indexes (schema.rb and Rails migrations name them as Rails does) */
  indexes: boolean;
  /** Django: the table prefixes of the apps under PATH; production's other tables belong to apps not compared */
  tablePrefixes?: readonly string[];
  config: Config;
}

function modelMessage(d: ModelDifference): string {
  const what = `${d.kind} ${d.name}`;
  switch (d.change) {
    case "only in production":
      return `${what} exists in production but no migration creates it${d.kind === "column" && d.production ? ` (production: ${d.production})` : ""}.`;
    case "only in migrations":
      return `${what} is created by the migrations but production does not have it.`;
    case "differs":
      return d.kind === "column" ? `${d.name} is ${d.production} in production, ${d.migrations} in the migrations.` : `${what} differs: production ${d.production}, migrations ${d.migrations}.`;
  }
}

function modelFix(d: ModelDifference, framework: "rails" | "django", snapshot: ProductionSnapshot): string {
  const comment = "#";
  const [table, column] = d.kind === "column" ? [d.name.slice(0, d.name.lastIndexOf(".")), d.name.slice(d.name.lastIndexOf(".") + 1)] : [d.name, undefined];
  if (framework === "django") {
    const advice =
      d.change === "only in migrations"
        ? "production lacks it: a migration that makes it has not run there (python manage.py showmigrations), or it was dropped by hand"
        : "change the model to match production and run makemigrations, or change production back";
    return `${comment} ${advice}\n${comment} production: ${d.production ?? "(none)"}; migrations: ${d.migrations ?? "(none)"}`;
  }
  if (d.change === "only in migrations") return `${comment} production lacks it: a migration that makes it has not run there (bin/rails db:migrate:status), or it was dropped by hand`;
  if (d.kind === "column" && d.change === "differs" && column) {
    const productionColumn = snapshot.schema.find((o) => o.kind === "column" && nameKey(o.name) === nameKey(`${table}.${column}`));
    const shape = productionColumn ? columnShape(productionColumn.definition) : undefined;
    const lines = [`${comment} a migration that records production's definition (or change production back):`];
    if (shape) lines.push(`change_column ${sym(table)}, ${sym(column)}, ${railsType(catalogType(shape.type))}`, `change_column_null ${sym(table)}, ${sym(column)}, ${!shape.notNull}`);
    return lines.join("\n");
  }
  const object = snapshot.schema.find((o) => o.kind === d.kind && nameKey(displayName(o.name)) === nameKey(d.name));
  const record = object ? createStatement(object, snapshot.schema) : undefined;
  return record
    ? `${comment} a migration that records the hotfix (or remove it from production):\n${record.split("\n").map((sql) => `execute ${JSON.stringify(sql.replace(/;$/, ""))}`).join("\n")}`
    : `${comment} add a migration that creates ${d.kind} ${d.name} as production has it, or remove it from production`;
}

export function modelDriftFindings(input: ModelDriftInput): ReportedFinding[] {
  const severity = effectiveSeverity(input.config, SCHEMA_DRIFT);
  if (!severity) return [];
  const prefixes = input.tablePrefixes?.map((p) => p.toLowerCase());
  const differences = compareModels(productionModel(input.snapshot.schema), input.built, {
    indexes: input.indexes,
    inScope: (table) => !prefixes || prefixes.some((p) => bare(table).toLowerCase().startsWith(p)),
    ignored: ignoringModel(input.config.drift_ignore),
  });
  return differences.map((d) => {
    const object = input.snapshot.schema.find((o) => o.kind === d.kind && nameKey(displayName(o.name).replace(/"/g, "")) === nameKey(d.name));
    const line = d.at?.line ?? (object ? lineIn(input.snapshotText, object) : 1);
    return {
      path: d.at?.path ?? input.snapshotPath,
      line,
      endLine: line,
      rule: SCHEMA_DRIFT.id,
      category: SCHEMA_DRIFT.category,
      severity,
      message: modelMessage(d),
      fix: modelFix(d, input.framework, input.snapshot),
      statement: `${d.change} ${d.kind} ${d.name}`,
      details: [
        ...(d.production !== undefined ? [`production (snapshot of ${input.snapshot.takenAt.slice(0, 10)}): ${d.production}`] : []),
        ...(d.migrations !== undefined ? [`migrations: ${d.migrations}`] : []),
      ],
    };
  });
}
