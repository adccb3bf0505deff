/**
 * SQLAlchemy's DDL elements given to `op.execute` / `connection.execute` (`DropSequence(Sequence("package_id_seq"))`,
 * `sa.schema.DropTable(sa.table("old"))`, `CreateSchema("audit")`): with literal arguments their SQL is known, as
 * SQLAlchemy's PostgreSQL compiler writes it, so they are read as that SQL and not as hidden operations. An
 * argument or option that is not a literal migguard reads leaves the element unread (undefined). A literal
 * `DDL("DROP TYPE ...")` is its statement, and sqlalchemy_utils' DropView / CreateView the statements they compile to.
 */
import { QuoteUtils } from "@pgsql/quotes";
import { lastSegment } from "./imports.js";
import { asBool, asString, kwarg, type PyValue } from "./values.js";

/** The SQL of a DDL element call, or undefined when it is not one or an argument is not known. */
export function ddlElementSql(value: PyValue): string | undefined {
  if (value.kind !== "call" || value.receiver || value.splat) return undefined;
  if (value.callee.startsWith("sqlalchemy_utils.")) return sqlalchemyUtilsViewSql(value);
  if (!value.callee.startsWith("sqlalchemy.")) return undefined;
  const element = lastSegment(value.callee);
  const target = kwarg(value, "element", 0);
  const flag = (key: string): boolean | undefined => {
    const v = value.kwargs.get(key);
    return v === undefined ? false : asBool(v);
  };
  const known = (keys: readonly string[]) => [...value.kwargs.keys()].every((k) => k === "element" || keys.includes(k)) && value.args.length <= 1;
  switch (element) {
    case "CreateSequence": {
      const ifNotExists = flag("if_not_exists");
      const sequence = target ? sequenceSql(target) : undefined;
      if (!known(["if_not_exists"]) || ifNotExists === undefined || !sequence) return undefined;
      return `CREATE SEQUENCE${ifNotExists ? " IF NOT EXISTS" : ""} ${sequence.name}${sequence.options}`;
    }
    case "DropSequence": {
      const ifExists = flag("if_exists");
      const sequence = target ? sequenceSql(target) : undefined;
      if (!known(["if_exists"]) || ifExists === undefined || !sequence) return undefined;
      return `DROP SEQUENCE${ifExists ? " IF EXISTS" : ""} ${sequence.name}`;
    }
    case "DropTable": {
      const ifExists = flag("if_exists");
      const table = target ? tableSql(target) : undefined;
      if (!known(["if_exists"]) || ifExists === undefined || !table) return undefined;
      return `DROP TABLE${ifExists ? " IF EXISTS" : ""} ${table}`;
    }
    case "DropIndex": {
      const ifExists = flag("if_exists");
      const index = target?.kind === "call" && lastSegment(target.callee) === "Index" ? asString(kwarg(target, "name", 0)) : undefined;
      if (!known(["if_exists"]) || ifExists === undefined || !index) return undefined;
      return `DROP INDEX${ifExists ? " IF EXISTS" : ""} ${quote(index)}`;
    }
    case "CreateSchema":
    case "DropSchema": {
      const name = asString(kwarg(value, "name", 0));
      const exists = flag(element === "CreateSchema" ? "if_not_exists" : "if_exists");
      const cascade = element === "DropSchema" ? flag("cascade") : false;
      const keys = element === "CreateSchema" ? ["name", "if_not_exists"] : ["name", "if_exists", "cascade"];
      if (!name || exists === undefined || cascade === undefined || ![...value.kwargs.keys()].every((k) => keys.includes(k)) || value.args.length > 1) return undefined;
      if (element === "CreateSchema") return `CREATE SCHEMA${exists ? " IF NOT EXISTS" : ""} ${quote(name)}`;
      return `DROP SCHEMA${exists ? " IF EXISTS" : ""} ${quote(name)}${cascade ? " CASCADE" : ""}`;
    }
    case "DDL": {
      // DDL(statement) compiles to `statement % context`: with no table to fill `%(table)s` and friends from, only
      // a statement whose every `%` is an escaped `%%` is known, and PostgreSQL reads it with one `%`
      const statement = kwarg(value, "statement", 0);
      if (statement?.kind !== "str" || statement.unresolved || value.args.length > 1 || value.kwargs.size > (value.kwargs.has("statement") ? 1 : 0)) return undefined;
      if (/%(?!%)/.test(statement.value.replace(/%%/g, ""))) return undefined;
      return statement.value.replace(/%%/g, "%");
    }
    default:
      return undefined;
  }
}

/**
 * sqlalchemy_utils' view elements (sqlalchemy_utils/view.py): `DropView(name, materialized=False, cascade=True)` is
 * `DROP [MATERIALIZED ]VIEW IF EXISTS name [CASCADE]`; `CreateView(name, selectable, materialized=False, replace=False)`
 * is `CREATE [OR REPLACE ][MATERIALIZED ]VIEW name AS <selectable>`, known only when the selectable is a literal
 * `text("SELECT ...")` (a select() built in Python is SQL migguard does not compile).
 */
function sqlalchemyUtilsViewSql(value: PyValue & { kind: "call" }): string | undefined {
  const element = lastSegment(value.callee);
  const name = asString(kwarg(value, "name", 0));
  const option = (key: string, position: number, fallback: boolean): boolean | undefined => {
    const v = kwarg(value, key, position);
    return v === undefined ? fallback : asBool(v);
  };
  const only = (keys: readonly string[], positional: number) => [...value.kwargs.keys()].every((k) => keys.includes(k)) && value.args.length <= positional;
  if (!name) return undefined;
  if (element === "DropView") {
    const materialized = option("materialized", 1, false);
    const cascade = option("cascade", 2, true);
    if (!only(["name", "materialized", "cascade"], 3) || materialized === undefined || cascade === undefined) return undefined;
    return `DROP ${materialized ? "MATERIALIZED " : ""}VIEW IF EXISTS ${quote(name)}${cascade ? " CASCADE" : ""}`;
  }
  if (element === "CreateView") {
    const materialized = option("materialized", 2, false);
    const replace = option("replace", 3, false);
    const selectable = kwarg(value, "selectable", 1);
    const text = selectable?.kind === "call" && !selectable.receiver && lastSegment(selectable.callee) === "text" && selectable.args.length === 1 && selectable.kwargs.size === 0 ? selectable.args[0] : undefined;
    if (!only(["name", "selectable", "materialized", "replace"], 4) || materialized === undefined || replace === undefined || text?.kind !== "str" || text.unresolved) return undefined;
    return `CREATE ${replace ? "OR REPLACE " : ""}${materialized ? "MATERIALIZED " : ""}VIEW ${quote(name)} AS ${text.value}`;
  }
  return undefined;
}

const quote = (name: string) => QuoteUtils.quoteIdentifier(name);
const qualified = (schema: string | undefined, name: string) => (schema ? `${quote(schema)}.${quote(name)}` : quote(name));

/** Options of `Sequence(...)` that SQLAlchemy writes into CREATE SEQUENCE, as PostgreSQL spells them. */
const SEQUENCE_NUMBERS: Record<string, string> = { start: "START WITH", increment: "INCREMENT BY", minvalue: "MINVALUE", maxvalue: "MAXVALUE", cache: "CACHE" };
/** Options that change nothing PostgreSQL runs (Oracle's `order`, the Python side's `metadata`, `optional`, a comment). */
const SEQUENCE_QUIET = new Set(["metadata", "optional", "order", "quote", "quote_schema", "for_update", "comment"]);

function sequenceSql(value: PyValue): { name: string; options: string } | undefined {
  if (value.kind !== "call" || lastSegment(value.callee) !== "Sequence" || value.splat) return undefined;
  const name = asString(kwarg(value, "name", 0));
  const schema = value.kwargs.get("schema");
  if (!name || value.args.length > 2 || (schema && !asString(schema))) return undefined;
  let options = "";
  // Sequence(name, start, increment, ...): the second positional argument is start
  const start = value.args[1];
  if (start) {
    if (start.kind !== "num") return undefined;
    options += ` START WITH ${start.value}`;
  }
  for (const [key, v] of value.kwargs) {
    if (key === "name" || key === "schema" || SEQUENCE_QUIET.has(key)) continue;
    if (key in SEQUENCE_NUMBERS && v.kind === "num") options += ` ${SEQUENCE_NUMBERS[key]} ${v.value}`;
    else if ((key === "nominvalue" || key === "nomaxvalue" || key === "cycle") && v.kind === "bool") options += v.value ? ` ${key === "cycle" ? "CYCLE" : key.toUpperCase().replace("NO", "NO ")}` : "";
    else return undefined;
  }
  return { name: qualified(schema ? asString(schema) : undefined, name), options };
}

/** `sa.table("t")`, `sa.Table("t", metadata, ...)` with an optional literal `schema=`. */
function tableSql(value: PyValue): string | undefined {
  if (value.kind !== "call" || !/^(table|Table)$/.test(lastSegment(value.callee))) return undefined;
  const name = asString(value.args[0]);
  const schema = value.kwargs.get("schema");
  if (!name || (schema && !asString(schema))) return undefined;
  return qualified(schema ? asString(schema) : undefined, name);
}
