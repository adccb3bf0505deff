/** A Rails column (`add_column`, `t.string`, a reference's `_id`) as the model's ColumnSpec. */
import type { ColumnSpec } from "../../model.js";
import { columnDefault } from "./column-default.js";
import { columnType } from "./column-types.js";
import { Options, type RubyValue } from "./values.js";

export function columnSpec(name: string, type: RubyValue | undefined, opts: Options, railsVersion: number): ColumnSpec {
  const t = columnType(type, opts, railsVersion);
  const primaryKey = t.primaryKey || opts.flag("primary_key") === true;
  return {
    name,
    type: t.type,
    notNull: opts.flag("null") === false || primaryKey,
    default: columnDefault(opts.get("default"), t.type?.name),
    primaryKey,
    unique: false,
    check: false,
    serial: t.serial,
    generated: t.generated,
    ...(t.generatedExpr ? { generatedExpr: t.generatedExpr } : {}),
  };
}

/** `created_at` and `updated_at` as `timestamps` / `add_timestamps` define them (NOT NULL since Rails 5.0). */
export function timestampColumns(opts: Options, railsVersion: number): ColumnSpec[] {
  const nullable = opts.flag("null") ?? railsVersion < 5.0;
  const withNull = new Map(opts.entries);
  withNull.set("null", { kind: "bool", value: nullable });
  return ["created_at", "updated_at"].map((name) => columnSpec(name, { kind: "sym", value: "datetime" }, new Options(withNull), railsVersion));
}
