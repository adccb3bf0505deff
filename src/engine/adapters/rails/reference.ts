/**
 * A reference (`add_reference`, `t.references`, `belongs_to`) as Rails' ReferenceDefinition builds it:
 * a `<name>_id` column (bigint since 5.1), `<name>_type` when polymorphic, an index by default since 5.0,
 * and a foreign key when `foreign_key:` asks for one.
 */
import type { ColumnSpec } from "../../model.js";
import { columnSpec } from "./column-spec.js";
import { pluralize } from "./inflections.js";
import { Options, isHash, type RubyValue } from "./values.js";

export interface ReferenceParts {
  columns: ColumnSpec[];
  index?: { columns: string[]; opts: Options };
  foreignKey?: { to: string; opts: Options };
}

export function referenceParts(table: string, ref: string, opts: Options, railsVersion: number): ReferenceParts {
  const polymorphic = opts.flag("polymorphic") === true;
  const idType: RubyValue = opts.get("type") ?? { kind: "sym", value: railsVersion >= 5.1 ? "bigint" : "integer" };
  const columnOpts = new Options(new Map([...opts.entries].filter(([k]) => k === "null" || k === "default" || k === "limit" || k === "array")));
  const id = columnSpec(`${ref}_id`, idType, columnOpts, railsVersion);
  const columns = polymorphic ? [columnSpec(`${ref}_type`, { kind: "sym", value: "string" }, columnOpts.without("default"), railsVersion), id] : [id];

  const parts: ReferenceParts = { columns };
  const index = opts.get("index") ?? { kind: "bool", value: railsVersion >= 5.0 };
  if (index.kind !== "nil" && !(index.kind === "bool" && !index.value)) {
    const indexOpts = isHash(index) ? new Options(index.entries) : new Options();
    const named = polymorphic && !indexOpts.has("name") ? new Options(new Map([...indexOpts.entries, ["name", { kind: "str", value: `index_${table}_on_${ref}` }]])) : indexOpts;
    parts.index = { columns: columns.map((c) => c.name), opts: named };
  }
  const fk = opts.get("foreign_key");
  if (fk && !(fk.kind === "bool" && !fk.value) && fk.kind !== "nil") {
    const fkOpts = isHash(fk) ? new Options(fk.entries) : new Options();
    const to = fkOpts.name("to_table") ?? pluralize(ref);
    parts.foreignKey = { to, opts: new Options(new Map([...fkOpts.entries, ["column", { kind: "str", value: id.name }]])) };
  }
  return parts;
}
