/**
 * The isolation level a call on a connection gives it: `conn.execution_options(isolation_level="AUTOCOMMIT")`
 * (anywhere in a chain: `op.get_bind().execution_options(isolation_level=...).execute(...)`) or a Session's
 * `session.connection(execution_options={"isolation_level": ...})`. SQLAlchemy sets it on the DBAPI connection
 * itself, so it holds for every later statement on that connection until another level is given. Configuration,
 * never a data change.
 */
import { callParts, unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { asString, dictGet, type PyValue } from "./values.js";

/** The level the chain's last `execution_options(isolation_level=...)` gives, upper-cased; undefined when it gives none or one not known. */
export function isolationLevelSet(call: PyNode, evaluate: (node: PyNode) => PyValue): string | undefined {
  for (let n: PyNode | null = unparen(call); n?.type === "call"; ) {
    const fn = n.childForFieldName("function");
    if (fn?.type !== "attribute") return undefined;
    const method = fn.childForFieldName("attribute")?.text;
    const parts = callParts(n);
    const given =
      method === "execution_options" ? parts?.keywords.get("isolation_level") : method === "connection" ? parts?.keywords.get("execution_options") : undefined;
    if (given) {
      const value = evaluate(given);
      const level = method === "execution_options" ? asString(value) : asString(dictGet(value, "isolation_level"));
      return level?.toUpperCase();
    }
    const object = fn.childForFieldName("object");
    n = object ? unparen(object) : null;
  }
  return undefined;
}
