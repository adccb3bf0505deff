/**
 * An Alembic downgrade's `op.drop_constraint(None, "t", type_=...)` (what autogenerate writes for a constraint the up
 * created unnamed): it names no constraint, so SQLAlchemy cannot emit its DROP CONSTRAINT and the rollback fails there
 * (flexmeasures 26373d8266db). Each is paired with a constraint the up created on that table and the down leaves: the
 * down's broken call is the one to name, with the name the up's create gave (env.py's naming convention, else
 * PostgreSQL's), or said unknown when that convention could not be read.
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import type { DeltaEntry } from "../support/schema-delta.js";
import { freePostgresName } from "../support/pg-names.js";
import type { RepositoryView } from "../../repository/repository-view.js";
import { nameKey } from "../support/facts.js";

export interface UnnamedDrop {
  /** the down's drop_constraint(None, ...) */
  drop: OperationOf<"drop_constraint">;
  /** the up's create it should drop */
  create: OperationOf<"add_constraint">;
  /** the name that create gave, when known */
  name?: string;
  /** PostgreSQL's name for it, unless a name taken before the history migguard read numbered it */
  likely?: true;
  /** the residue entry of that create, when its name is known (reported here instead of as a plain leftover) */
  entry?: DeltaEntry;
}

/** Alembic's type_ for each kind of constraint */
const ALEMBIC_TYPE: Partial<Record<string, string>> = { foreign_key: "foreignkey", unique: "unique", check: "check", primary_key: "primary" };

/** What the earlier migrations leave: the names already taken when the up runs. */
export type History = Pick<RepositoryView, "constraintDefinition" | "indexDefinition" | "tableKeys" | "earlierInFolder">;

/**
 * The name the database gave an up's create: its own, PostgreSQL's for an unnamed one (numbered past a name the
 * history or an earlier create of this up took: ChooseConstraintName), undefined when unknown. `likely` when no
 * earlier migration was read, so a name taken before the folder's history began could have numbered it.
 */
function createdName(create: OperationOf<"add_constraint">, up: readonly Operation[], history: History): { name?: string; likely?: true } {
  if (create.name) return { name: create.name };
  if (create.nameUnknown) return {};
  // PostgreSQL names a primary key by its table alone; an unnamed CHECK is named after its column only when it reads exactly one
  const distinct = [...new Set(create.columns)];
  const columns = create.constraint === "primary_key" || (create.constraint === "check" && distinct.length !== 1) ? [] : distinct;
  const table = nameKey(create.table);
  const same = (a: string | undefined, b: string) => a !== undefined && nameKey(a) === nameKey(b);
  // held when the up reaches the create: left by the history, then dropped or taken by the up's earlier steps
  const taken = (name: string) => {
    let held = !!history.constraintDefinition(name) || !!history.indexDefinition(name) || history.tableKeys(create.table).some((k) => same(k.name, name));
    for (const o of up.slice(0, up.indexOf(create))) {
      if (o.kind === "drop_constraint" && same(o.name, name)) held = false;
      else if (o.kind === "drop_index" && o.names.some((n) => same(n, name))) held = false;
      else if (o.kind === "add_constraint" && same(o.name ?? createdName(o, up, history).name, name)) held = true;
    }
    return held;
  };
  const name = freePostgresName(table, columns.map(nameKey), SUFFIX[create.constraint]!, taken);
  return history.earlierInFolder.length ? { name } : { name, likely: true };
}

const SUFFIX: Partial<Record<string, string>> = { foreign_key: "fkey", unique: "key", check: "check", primary_key: "pkey" };

/**
 * The down's unnamed drop_constraint calls, each paired with a constraint the up created on its table (last created
 * first) that neither the up nor the down drops by name afterwards: the one the call was written for.
 */
export function unnamedDownDrops(migration: Migration, residue: readonly DeltaEntry[], history: History): UnnamedDrop[] {
  const { down } = migration;
  if (migration.framework !== "alembic" || down.status !== "present" || down.derived) return [];
  const drops = down.ops.filter((o): o is OperationOf<"drop_constraint"> => o.kind === "drop_constraint" && !o.name && !o.columns);
  if (!drops.length) return [];
  const all = [...migration.up, ...down.ops];
  const droppedLater = (create: Operation, name: string) =>
    all.slice(all.indexOf(create) + 1).some((o) => o.kind === "drop_constraint" && o.name !== undefined && nameKey(o.name) === nameKey(name) && nameKey(o.table) === nameKey((create as OperationOf<"add_constraint">).table));
  const left = migration.up
    .filter((o): o is OperationOf<"add_constraint"> => o.kind === "add_constraint" && SUFFIX[o.constraint] !== undefined)
    .map((create) => ({ create, ...createdName(create, migration.up, history) }))
    .filter(({ create, name }) => name === undefined || !droppedLater(create, name))
    .reverse();
  const paired: UnnamedDrop[] = [];
  for (const drop of drops) {
    const at = left.findIndex((l) => nameKey(l.create.table) === nameKey(drop.table));
    if (at < 0) continue;
    const [{ create, name, likely }] = left.splice(at, 1) as [(typeof left)[number]];
    // a table's one primary key is its own entry, whatever its name
    const entry = name === undefined ? undefined : residue.find((e) => e.key === `constraint:${nameKey(name)}` || (create.constraint === "primary_key" && e.key.startsWith("pkey:") && e.upOp === create));
    paired.push({ drop, create, ...(name ? { name } : {}), ...(likely ? { likely } : {}), ...(entry ? { entry } : {}) });
  }
  return paired;
}

/** `"name", "table", type_="foreignkey"[, schema="s"]`: the arguments of the drop_constraint that names it. */
function dropArguments(name: string, table: string, constraint: string): string {
  const dot = table.lastIndexOf(".");
  const [schema, bare] = dot < 0 ? [undefined, table] : [table.slice(0, dot), table.slice(dot + 1)];
  return `${JSON.stringify(name)}, ${JSON.stringify(bare)}, type_=${JSON.stringify(ALEMBIC_TYPE[constraint])}${schema ? `, schema=${JSON.stringify(schema)}` : ""}`;
}

/** What the finding says about the down's call. */
export function unnamedDropReason(pair: UnnamedDrop): string {
  const said = `line ${pair.drop.loc.line}'s drop_constraint(None, ${JSON.stringify(pair.drop.table)}) names no constraint, so Alembic cannot drop it and the rollback fails there`;
  return pair.name ? said : `${said}; the name the up's create gave it depends on the naming convention of env.py's target_metadata, which migguard could not read`;
}

/** The fix: the down's call with the name written, or where to read the name when it is unknown. */
export function unnamedDropFix(pair: UnnamedDrop): string {
  const { drop, create } = pair;
  if (pair.name && pair.likely)
    return `# in downgrade(), line ${drop.loc.line}: name the constraint the upgrade created; ${JSON.stringify(pair.name)} is the name PostgreSQL gives it\n# unless that name was taken when the upgrade ran (then it numbers it: read it with \\d ${create.table})\nop.drop_constraint(${dropArguments(pair.name, create.table, create.constraint)})`;
  if (pair.name) return `# in downgrade(), line ${drop.loc.line}: name the constraint the upgrade created\nop.drop_constraint(${dropArguments(pair.name, create.table, create.constraint)})`;
  const contype = create.constraint === "foreign_key" ? "f" : create.constraint === "unique" ? "u" : create.constraint === "primary_key" ? "p" : "c";
  return [
    `# in downgrade(), line ${drop.loc.line}: drop_constraint(None, ...) needs the name the upgrade's line ${create.loc.line} gave the constraint`,
    `# (env.py's target_metadata naming convention, which migguard could not read, decides it); read it from the database:`,
    `#   SELECT conname FROM pg_constraint WHERE conrelid = '${create.table.replace(/'/g, "''")}'::regclass AND contype = '${contype}';`,
    `# and write it as the first argument of that drop_constraint`,
  ].join("\n");
}
