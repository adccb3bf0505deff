/**
 * The `.name` of a SQLAlchemy schema object built in the file with its name written (tracim's
 * `old_enum = sa.Enum(*types, name="entitytype")` read as `"ALTER TYPE {} RENAME TO {}_old".format(old_enum.name, ...)`):
 * SQLAlchemy keeps the name it was given, so the SQL built from it is known. Only SQLAlchemy's own classes: a
 * project's or Python's `enum.Enum` has no such attribute, and a name not written stays unknown.
 */
import { lastSegment } from "./imports.js";
import type { PyValue } from "./values.js";

/** The classes whose name is their first argument, and those whose name is only their `name=` keyword. */
const NAME_FIRST = new Set(["Table", "Sequence", "Index"]);
const NAME_KEYWORD = new Set(["Enum", "ENUM"]);

/** The name SQLAlchemy gives `value.name`, when value is the call building such an object with its name known. */
export function sqlalchemyObjectName(value: PyValue | undefined): PyValue | undefined {
  if (value?.kind !== "call" || value.receiver || !value.callee.startsWith("sqlalchemy.")) return undefined;
  const cls = lastSegment(value.callee);
  const keyword = value.kwargs.get("name");
  // a splat before the name (`Table(*parts)`) hides which argument is the name
  const first = NAME_FIRST.has(cls) && !value.splat ? value.args[0] : undefined;
  const name = NAME_KEYWORD.has(cls) || (NAME_FIRST.has(cls) && value.args.length === 0) ? keyword : first;
  return name?.kind === "str" && !name.unresolved ? name : undefined;
}
