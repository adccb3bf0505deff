/**
 * The net effect of running operations on the schema, without knowing the schema: every named object
 * (table, column, index, constraint, view, function, ...) gets a counter that creations raise and drops
 * lower. Running the up and then the down should bring every counter the up touched back to zero; what
 * stays non-zero is what the down forgets. Drops take their dependents along (a table its columns,
 * indexes, triggers and owned sequences; a column its indexes; CASCADE the views built on it).
 */
import type { ColumnSpec, Migration, Operation } from "../../model.js";
import { isUnknownName, UNKNOWN_NAME } from "../../unknown-name.js";
import { nameKey } from "./facts.js";
import { postgresDefaultName } from "./pg-names.js";

export interface DeltaEntry {
  key: string;
  net: number;
  /** changed at least once (a fresh entry stands for an object that existed before, untouched) */
  touched: boolean;
  /** the up ran DROP ... IF EXISTS on it before creating it: it may have existed, so creating it re-creates */
  droppedIfExists?: boolean;
  /** its first change was a drop: it existed before the migration, so with net 0 it exists (dropped and recreated) */
  existedBefore?: boolean;
  /** net change caused by the up alone */
  netUp: number;
  /** the up operation that last changed it */
  upOp?: Operation;
  /** what users read: "index posts_author_idx", "column users.email" */
  label: string;
  /** the table (or view) it belongs to, so dropping that drops it too (its identity: the name it was created under) */
  parent?: string;
  /** the name that table has after the up and the down (a table the up built as `temp` and renamed is no longer `temp`) */
  parentName?: string;
  columns: string[];
  dependsOn: string[];
}

/** PostgreSQL's own names for unnamed constraints and indexes (ChooseConstraintName / ChooseIndexName). */
const DEFAULT_SUFFIX: Partial<Record<string, string>> = { primary_key: "pkey", unique: "key", foreign_key: "fkey", exclusion: "excl", check: "check" };
function defaultName(table: string, columns: readonly string[], suffix: string): string {
  return postgresDefaultName(nameKey(table), columns.map(nameKey), suffix);
}

/** The residue of up then down for a migration with a down we can read, computed once for both down rules. */
const residues = new WeakMap<Migration, DeltaEntry[]>();
export function downResidue(migration: Migration): DeltaEntry[] {
  const { down, up } = migration;
  if (down.status !== "present" || down.ops.some(opaque)) return [];
  // Django's derived down runs the reverse_sql its author wrote (RunSQL.noop on purpose included): trust it
  if (down.derived && migration.framework !== "rails") return [];
  let residue = residues.get(migration);
  if (!residue) {
    // an object whose name the adapter could not read is not one the down can be said to forget
    residue = new SchemaDelta().run(up, "up").run(down.ops, "down").residue().filter((e) => !namesUnknown(e));
    // Rails' `change` inverts its own operations exactly; only SQL it runs verbatim (execute in a
    // `reversible` dir.up with no dir.down) can lack its inverse
    if (down.derived) residue = residue.filter((e) => e.upOp?.embeddedSql);
    // an index the down builds under a name the adapter could not read (an Alembic Column(index=True) under a naming
    // convention not read) may be the one the up dropped from that table
    const unnamedIndexOn = new Set(down.ops.flatMap((op) => (op.kind === "add_index" && isUnknownName(op.name) ? [nameKey(op.table)] : [])));
    if (unnamedIndexOn.size > 0) residue = residue.filter((e) => !(e.upOp?.kind === "drop_index" && e.upOp.table !== undefined && unnamedIndexOn.has(nameKey(e.upOp.table))));
    // likewise a constraint the down adds under a name the convention gives and migguard could not read (flexmeasures'
    // create_foreign_key(None, ...) under Flask-Migrate's metadata) may be the one the up dropped from that table
    const unnamedConstraintOn = new Set(down.ops.flatMap((op) => (op.kind === "add_constraint" && (op.nameUnknown || isUnknownName(op.name)) ? [nameKey(op.table)] : [])));
    if (unnamedConstraintOn.size > 0) residue = residue.filter((e) => !(e.upOp?.kind === "drop_constraint" && unnamedConstraintOn.has(nameKey(e.upOp.table))));
    residues.set(migration, residue);
  }
  return residue;
}

const namesUnknown = (e: DeltaEntry) =>
  isUnknownName(e.parent) || e.key.slice(e.key.indexOf(":") + 1).split(".").some(isUnknownName) || e.label.split(/[\s.]/).some(isUnknownName);

/** Down statements we cannot see through (DO blocks, function calls, an app's or gem's helper): they might undo anything. */
const opaque = (op: Operation) => op.kind === "raw" && (op.opaque || op.statement === "DO" || op.statement === "SELECT" || op.statement === "Call");

/** Without the entries that go with a table also listed: DROP TABLE takes its keys, sequences and indexes along. */
export function outermost(entries: readonly DeltaEntry[]): DeltaEntry[] {
  const tables = new Set(entries.filter((e) => e.key.startsWith("table:")).map((e) => e.key.slice("table:".length)));
  return entries.filter((e) => e.parent === undefined || !tables.has(e.parent));
}

/** What a residue entry names, decoded once from its key and label for the fixes that drop it (SQL, Ruby). */
export type LeftOver =
  | { kind: "table"; name: string }
  | { kind: "column"; table: string; column: string }
  | { kind: "index"; name: string; table?: string }
  /** `defaultName`: a primary key known only by its table, under PostgreSQL's default name */
  | { kind: "constraint"; name: string; table?: string; defaultName?: boolean }
  /** `table`: only for the kinds named per table (triggers, policies, rules) */
  | { kind: "object"; type: string; name: string; table?: string };

const NAMED_PER_TABLE = new Set(["trigger", "policy", "rule"]);

export function leftOver(entry: DeltaEntry): LeftOver {
  const [kind, type] = entry.key.split(":");
  const name = entry.label.slice(entry.label.lastIndexOf(" ") + 1);
  switch (kind) {
    case "table":
      return { kind, name };
    case "column": {
      const at = name.lastIndexOf(".");
      return { kind, table: name.slice(0, at), column: name.slice(at + 1) };
    }
    case "index":
    case "constraint":
      return { kind, name, table: entry.parentName ?? entry.parent };
    case "pkey": {
      const table = entry.parentName ?? entry.parent ?? name;
      return { kind: "constraint", name: defaultName(table, [], "pkey"), table, defaultName: true };
    }
    default:
      // object:<type>:<name>, e.g. object:sequence:tags_id_seq, object:materialized_view:totals
      return { kind: "object", type, name, table: NAMED_PER_TABLE.has(type) ? (entry.parentName ?? entry.parent) : undefined };
  }
}

/** Residue entries grouped by the up statement that caused them, in line order. */
export function byUpOperation(entries: readonly DeltaEntry[]): Array<[Operation, DeltaEntry[]]> {
  const byOp = new Map<Operation, DeltaEntry[]>();
  for (const entry of entries) if (entry.upOp) byOp.set(entry.upOp, [...(byOp.get(entry.upOp) ?? []), entry]);
  return [...byOp.entries()].sort(([a], [b]) => a.loc.line - b.loc.line);
}

export class SchemaDelta {
  private readonly entries = new Map<string, DeltaEntry>();
  private phase: "up" | "down" = "up";
  private current?: Operation;
  /** table name -> identity: a renamed table keeps its identity, so its columns follow it */
  private readonly identities = new Map<string, string>();
  /** relations the up dropped: what it then builds on them (indexes, views) re-creates what the drop took along */
  private readonly cascaded = new Set<string>();
  /** tables whose columns or constraints the up dropped: a primary key it then adds may replace one that went with them */
  private readonly reshaped = new Set<string>();
  /** columns (identity.column) the up dropped: an index it then builds on one may take the place of one the drop took along */
  private readonly droppedColumns = new Set<string>();
  /** entries the down's DROP COLUMN took along, created by the up on a column the up had dropped first */
  private readonly takenWithDroppedColumn = new Set<DeltaEntry>();
  /** primary keys added under an explicit name, so a drop by that name finds them */
  private readonly pkeyNames = new Map<string, string>();
  /** enum types a create_table of this phase created: SQLAlchemy's DDL runner remembers them and creates each once a run */
  private readonly typesCreatedWithTables = { up: new Set<string>(), down: new Set<string>() };
  /**
   * entries by their parent and by each relation they depend on: a drop reads those of its table, not every entry
   * (a down of hundreds of DROP TABLEs over a schema of thousands of entries was 9% of the 800-file bench)
   */
  private readonly children = new Map<string, Set<DeltaEntry>>();
  private readonly dependents = new Map<string, Set<DeltaEntry>>();

  private static index(by: Map<string, Set<DeltaEntry>>, key: string | undefined, e: DeltaEntry, add: boolean): void {
    if (key === undefined) return;
    const set = by.get(key);
    if (add) {
      if (set) set.add(e);
      else by.set(key, new Set([e]));
    } else set?.delete(e);
  }

  private setParent(e: DeltaEntry, parent: string): void {
    SchemaDelta.index(this.children, e.parent, e, false);
    e.parent = parent;
    SchemaDelta.index(this.children, parent, e, true);
  }

  private setDependsOn(e: DeltaEntry, dependsOn: string[]): void {
    for (const d of e.dependsOn) SchemaDelta.index(this.dependents, d, e, false);
    e.dependsOn = dependsOn;
    for (const d of dependsOn) SchemaDelta.index(this.dependents, d, e, true);
  }

  private id(table: string): string {
    const key = nameKey(table);
    return this.identities.get(key) ?? key;
  }

  /**
   * An index lives in its table's schema: its identity is (schema, name), written `schema.name` as a drop may qualify
   * it (thunderdome's up builds `team_checkin_..._uidx ON thunderdome.team_checkin`, its down drops
   * `thunderdome.team_checkin_..._uidx`); `public` is left out as nameKey leaves it out. A name given qualified keeps
   * its schema. An unqualified name without its table (a DROP INDEX) is found through the search_path, which is not
   * known: the index of that name in the default schema, else the one other schema's index of that name.
   */
  private indexName(name: string, table?: string): { key: string; label: string } {
    const bare = nameKey(name);
    // qualified, `public.` included (which nameKey leaves out)
    if (name.includes(".")) return { key: `index:${bare}`, label: `index ${name}` };
    const owner = table === undefined ? undefined : nameKey(table);
    const schema = owner?.includes(".") ? owner.slice(0, owner.lastIndexOf(".")) : undefined;
    if (schema !== undefined) return { key: `index:${schema}.${bare}`, label: `index ${table!.slice(0, table!.lastIndexOf("."))}.${name}` };
    if (table === undefined && !this.entries.has(`index:${bare}`)) {
      const elsewhere = [...(this.indexSchemas.get(bare) ?? [])];
      if (elsewhere.length === 1) return { key: elsewhere[0], label: this.entries.get(elsewhere[0])!.label };
    }
    return { key: `index:${bare}`, label: `index ${name}` };
  }

  /** the schema-qualified keys of the indexes seen, by bare name (indexName's search for an unqualified drop) */
  private readonly indexSchemas = new Map<string, Set<string>>();

  run(ops: readonly Operation[], phase: "up" | "down"): this {
    this.phase = phase;
    for (const op of ops) {
      this.current = op;
      this.apply(op);
    }
    return this;
  }

  /** objects the up changed that are not back where they started */
  residue(): DeltaEntry[] {
    const left = [...this.entries.values()].filter((e) => e.netUp !== 0 && e.net !== 0);
    for (const e of left) if (e.parent !== undefined) e.parentName = this.nameOf(e.parent);
    return left;
  }

  /** the name the table of `identity` has now: the last name a rename gave it */
  private nameOf(identity: string): string {
    for (const [name, id] of this.identities) if (id === identity) return name;
    return identity;
  }

  private entry(key: string, label: string, extra: Partial<Pick<DeltaEntry, "parent" | "columns" | "dependsOn">> = {}): DeltaEntry {
    let e = this.entries.get(key);
    if (!e) {
      e = { key, net: 0, touched: false, netUp: 0, label, columns: [], dependsOn: [] };
      this.entries.set(key, e);
      if (key.startsWith("index:") && key.includes(".")) {
        const bare = key.slice(key.lastIndexOf(".") + 1);
        this.indexSchemas.set(bare, new Set([...(this.indexSchemas.get(bare) ?? []), key]));
      }
    }
    if (extra.parent !== undefined) this.setParent(e, extra.parent);
    if (extra.columns) e.columns = extra.columns.map(nameKey);
    if (extra.dependsOn) this.setDependsOn(e, extra.dependsOn.map(nameKey));
    return e;
  }

  private change(e: DeltaEntry, by: number): void {
    if (!e.touched && by < 0) e.existedBefore = true;
    e.net += by;
    e.touched = true;
    if (this.phase === "up") {
      e.netUp += by;
      e.upOp = this.current;
    }
  }

  private create(key: string, label: string, extra: Partial<Pick<DeltaEntry, "parent" | "columns" | "dependsOn">> = {}, options: { orReplace?: boolean } = {}): void {
    const e = this.entry(key, label, extra);
    // CREATE OR REPLACE changes an object that may have existed: it only counts after a drop
    if (options.orReplace && e.net >= 0) return;
    // built on something the up dropped: the drop took the old one (unknown to us) along first
    const rebuilt = this.phase === "up" && [extra.parent, ...(extra.dependsOn ?? [])].some((d) => d !== undefined && this.cascaded.has(d));
    if ((rebuilt || e.droppedIfExists) && !e.touched) {
      this.change(e, -1);
      this.cascaded.add(key.slice(key.lastIndexOf(":") + 1));
    }
    // the down drops the column again (taking the up's index along) and builds the index once more: it restores the
    // one the up's DROP COLUMN took along (bitmagnet's 00006_tsv), so the up's was a rebuild, not a new object
    if (this.phase === "down" && this.takenWithDroppedColumn.delete(e) && e.netUp > 0) {
      e.netUp -= 1;
      e.net -= 1;
    }
    this.change(e, +1);
  }

  private drop(key: string, label: string, options: { ifExists?: boolean } = {}): void {
    const e = this.entry(key, label);
    // DROP ... IF EXISTS of something this migration never saw may drop nothing at all
    if (options.ifExists && !e.touched && this.phase === "up") {
      e.droppedIfExists = true;
      return;
    }
    // dropping what is already gone (IF EXISTS after a CASCADE) changes nothing; one the migration dropped and
    // recreated under its name (flexmeasures' recreate_sensor_fks, run twice) is there again to drop
    if (e.net > 0 || !e.touched || (e.existedBefore && e.net === 0)) this.change(e, -1);
  }

  /** remove everything created that belongs to `parent` (and, with cascade, what is built on it) */
  private dropDependents(p: string, options: { column?: string; cascade?: boolean }): void {
    // only entries of `p` or built on it can match; each is changed once (net 0 after), so their order does not matter
    const candidates = new Set(this.children.get(p));
    if (options.cascade && options.column === undefined) for (const e of this.dependents.get(p) ?? []) candidates.add(e);
    for (const e of candidates) {
      if (e.net <= 0) continue;
      const belongs = e.parent === p && (options.column === undefined || e.columns.includes(nameKey(options.column)) || e.key === `column:${p}.${nameKey(options.column)}`);
      const builtOn = options.cascade && options.column === undefined && e.dependsOn.includes(p);
      if (!belongs && !builtOn) continue;
      if (this.phase === "down" && options.column !== undefined && e.key.startsWith("index:") && e.netUp > 0 && e.columns.some((c) => this.droppedColumns.has(`${p}.${c}`))) this.takenWithDroppedColumn.add(e);
      this.change(e, -e.net);
      const name = e.key.slice(e.key.lastIndexOf(":") + 1);
      if (e.key.startsWith("object:view:") || e.key.startsWith("object:materialized_view:")) this.dropDependents(name, { cascade: true });
    }
  }

  /** a table has one primary key, whatever its name */
  private primaryKey(table: string, columns: readonly string[]): void {
    const parent = this.id(table);
    const key = `pkey:${parent}`;
    const e = this.entry(key, `primary key of ${table}`, { parent, columns: [...columns] });
    // replaces the one that went with a dropped column, constraint or table
    if (this.phase === "up" && (this.reshaped.has(parent) || this.cascaded.has(parent)) && !e.touched) this.change(e, -1);
    this.change(e, +1);
  }

  /** what a column definition creates besides itself: its inline constraints and its sequence */
  private implied(table: string, column: ColumnSpec): void {
    const parent = this.id(table);
    const extra = { parent, columns: [column.name] };
    if (column.primaryKey) this.primaryKey(table, [column.name]);
    else if (column.unique) this.create(`constraint:${defaultName(table, [column.name], "key")}`, `constraint ${defaultName(table, [column.name], "key")}`, extra);
    if (column.references) this.create(`constraint:${defaultName(table, [column.name], "fkey")}`, `constraint ${defaultName(table, [column.name], "fkey")}`, extra);
    if (column.serial || column.generated === "identity") this.create(`object:sequence:${defaultName(table, [column.name], "seq")}`, `sequence ${defaultName(table, [column.name], "seq")}`, extra);
  }

  private apply(op: Operation): void {
    switch (op.kind) {
      case "create_table":
        if (op.temporary) break;
        this.identities.delete(nameKey(op.table)); // a new table under this name: its own identity
        for (const type of op.createsTypes ?? []) {
          if (this.typesCreatedWithTables[this.phase].has(nameKey(type))) continue;
          this.typesCreatedWithTables[this.phase].add(nameKey(type));
          this.create(`object:type:${nameKey(type)}`, `type ${type}`);
        }
        // a partition goes with its partitioned table: DROP TABLE of the parent drops it too
        this.create(`table:${nameKey(op.table)}`, `table ${op.table}`, op.partitionOf ? { parent: this.id(op.partitionOf) } : {});
        for (const column of op.columns) this.implied(op.table, column);
        for (const c of op.constraints) {
          const suffix = DEFAULT_SUFFIX[c.type];
          if (c.type === "primary_key") this.primaryKey(op.table, c.columns);
          else if (suffix) this.create(`constraint:${defaultName(op.table, c.type === "check" ? [] : c.columns, suffix)}`, `constraint of ${op.table}`, { parent: this.id(op.table), columns: c.columns });
        }
        break;
      case "drop_table":
        for (const t of op.tables) {
          this.drop(`table:${nameKey(t)}`, `table ${t}`, { ifExists: op.ifExists });
          this.dropDependents(this.id(t), { cascade: true }); // views on a dropped table cannot survive it either
          if (this.phase === "up") this.cascaded.add(this.id(t));
        }
        break;
      case "rename_table": {
        // by name the table moves; its columns, indexes and constraints keep following its first identity
        const identity = this.id(op.table);
        // a table rebuilt under the name of one the up dropped (CREATE TABLE temp AS SELECT ... FROM t; DROP TABLE t;
        // ALTER TABLE temp RENAME TO t): the keys and indexes the up then builds on it are the old table's again
        if (this.phase === "up" && this.cascaded.has(this.id(op.newName))) this.cascaded.add(identity);
        this.drop(`table:${nameKey(op.table)}`, `table ${op.table}`);
        this.create(`table:${nameKey(op.newName)}`, `table ${op.newName}`);
        this.identities.set(nameKey(op.newName), identity);
        this.identities.delete(nameKey(op.table));
        break;
      }
      case "rename_object": {
        const kind = op.objectType === "index" || op.objectType === "constraint" ? op.objectType : `object:${op.objectType}`;
        const keyOf = (name: string) => `${kind}:${nameKey(name)}`;
        // an index keeps its schema under the new name (ALTER INDEX s.a RENAME TO b: s.b)
        const from = op.objectType === "index" ? this.indexName(op.name, op.table) : { key: keyOf(op.name), label: `${op.objectType.replace("_", " ")} ${op.name}` };
        const schema = op.objectType === "index" && from.key.includes(".") ? from.key.slice("index:".length, from.key.lastIndexOf(".")) : undefined;
        const to = op.objectType === "index" ? this.indexName(schema ? `${schema}.${op.newName}` : op.newName) : { key: keyOf(op.newName), label: `${op.objectType.replace("_", " ")} ${op.newName}` };
        const old = this.entries.get(from.key);
        this.drop(from.key, from.label);
        const parent = old?.parent ?? (op.table ? this.id(op.table) : undefined);
        this.create(to.key, to.label, { parent, columns: old?.columns, dependsOn: old?.dependsOn });
        // a constraint's index has its name: renaming the index renames the constraint too
        if (op.objectType === "index" && this.entries.get(`constraint:${nameKey(op.name)}`)?.touched) {
          this.drop(`constraint:${nameKey(op.name)}`, `constraint ${op.name}`);
          this.create(`constraint:${nameKey(op.newName)}`, `constraint ${op.newName}`);
        }
        break;
      }
      case "add_column":
        this.create(`column:${this.id(op.table)}.${nameKey(op.column.name)}`, `column ${op.table}.${op.column.name}`, { parent: this.id(op.table), columns: [op.column.name] });
        this.implied(op.table, op.column);
        break;
      case "drop_column":
        if (this.phase === "up") {
          this.reshaped.add(this.id(op.table));
          this.droppedColumns.add(`${this.id(op.table)}.${nameKey(op.column)}`);
        }
        this.drop(`column:${this.id(op.table)}.${nameKey(op.column)}`, `column ${op.table}.${op.column}`, { ifExists: op.ifExists });
        this.dropDependents(this.id(op.table), { column: op.column });
        break;
      case "rename_column":
        this.drop(`column:${this.id(op.table)}.${nameKey(op.column)}`, `column ${op.table}.${op.column}`);
        this.create(`column:${this.id(op.table)}.${nameKey(op.newName)}`, `column ${op.table}.${op.newName}`, { parent: this.id(op.table), columns: [op.newName] });
        break;
      case "add_index": {
        const name = op.name ?? defaultName(op.table, op.columns, "idx");
        const { key, label } = this.indexName(name, op.table);
        this.create(key, label, { parent: this.id(op.table), columns: [...op.columns, ...op.referencedColumns] });
        break;
      }
      case "drop_index":
        for (const n of op.names) {
          const { key, label } = this.indexName(n, op.table);
          this.drop(key, label, { ifExists: op.ifExists });
        }
        break;
      case "add_constraint": {
        if (op.constraint === "primary_key") {
          this.primaryKey(op.table, op.columns);
          if (op.name) this.pkeyNames.set(nameKey(op.name), this.id(op.table));
          // a primary key the up dropped by a name it did not create (a constraint to the delta) comes back by that name
          if (op.name && (this.entries.get(`constraint:${nameKey(op.name)}`)?.net ?? 0) < 0)
            this.create(`constraint:${nameKey(op.name)}`, `constraint ${op.name}`, { parent: this.id(op.table), columns: op.columns });
          break;
        }
        const suffix = DEFAULT_SUFFIX[op.constraint];
        // an unnamed CHECK is named after its column only when it reads exactly one
        const nameColumns = op.constraint === "check" && new Set(op.columns).size !== 1 ? [] : [...new Set(op.columns)];
        // unnamed under a convention not read: some constraint of that table, not PostgreSQL's default name
        const name = op.name ?? (op.nameUnknown ? UNKNOWN_NAME : suffix ? defaultName(op.table, nameColumns, suffix) : undefined);
        if (name) this.create(`constraint:${nameKey(name)}`, `constraint ${name}`, { parent: this.id(op.table), columns: op.columns });
        break;
      }
      case "drop_constraint":
        if (!op.name) break;
        if (this.phase === "up") this.reshaped.add(this.id(op.table));
        if (nameKey(op.name) === defaultName(op.table, [], "pkey") || this.pkeyNames.get(nameKey(op.name)) === this.id(op.table)) {
          this.drop(`pkey:${this.id(op.table)}`, `primary key of ${op.table}`, { ifExists: op.ifExists });
          break;
        }
        this.drop(`constraint:${nameKey(op.name)}`, `constraint ${op.name}`, { ifExists: op.ifExists });
        // a UNIQUE/PRIMARY KEY constraint owns the index of the same name, in its table's schema
        const owned = this.indexName(op.name, op.table);
        if ((this.entries.get(owned.key)?.net ?? 0) > 0) this.drop(owned.key, owned.label);
        break;
      case "create_object": {
        if (op.objectType === "role" || op.objectType === "database") break;
        const type = op.objectType === "procedure" ? "function" : op.objectType;
        this.create(
          `object:${type}:${nameKey(op.name)}`,
          `${op.objectType.replace("_", " ")} ${op.name}`,
          { parent: op.table ? this.id(op.table) : undefined, dependsOn: op.dependsOn.map((d) => this.id(d)) },
          // an extension is the database's, shared by every schema and migration: an up that installs it only
          // if missing leaves it for the others, and a down may rightly keep it
          { orReplace: op.orReplace || (op.objectType === "extension" && op.ifNotExists) },
        );
        break;
      }
      case "drop_object":
        // an object kind the model does not name: its CREATE is a raw statement we cannot pair with the drop
        if (op.objectType === "other") break;
        for (const n of op.names) {
          const type = op.objectType === "procedure" ? "function" : op.objectType;
          this.drop(`object:${type}:${nameKey(n)}`, `${op.objectType.replace("_", " ")} ${n}`, { ifExists: op.ifExists });
          if (op.objectType === "view" || op.objectType === "materialized_view") {
            this.dropDependents(nameKey(n), { cascade: op.cascade });
            if (this.phase === "up") this.cascaded.add(nameKey(n));
          }
          if (op.objectType === "schema" && op.cascade) {
            for (const e of this.entries.values()) if (e.net > 0 && (e.key.includes(`:${nameKey(n)}.`) || e.parent?.startsWith(`${nameKey(n)}.`))) this.change(e, -e.net);
          } else if (op.cascade) this.dropDependents(nameKey(n), { cascade: true });
        }
        break;
      case "raw":
        // ALTER SEQUENCE s OWNED BY t.c: the sequence now belongs to the table
        if (op.statement === "ALTER SEQUENCE OWNED BY" && op.object && op.table) {
          const e = this.entries.get(`object:sequence:${nameKey(op.object)}`);
          if (e) this.setParent(e, this.id(op.table));
        }
        break;
      default:
        break;
    }
  }
}
