/**
 * An Alembic revision's identifiers, from its module-level assignments: `revision`, `down_revision` (None, a
 * string, or a tuple for a merge), `depends_on` and `branch_labels` (a string or a tuple of them).
 */
import type { RevisionLink } from "../../model.js";
import { asString, asStrings, type PyValue } from "./values.js";

/** A string or a tuple/list of strings as a list; None, a missing name or anything else: none. */
const ids = (value: PyValue | undefined): string[] => {
  const one = asString(value);
  return one !== undefined ? [one] : (asStrings(value) ?? []);
};

export function revisionLink(bindings: ReadonlyMap<string, PyValue>): RevisionLink | undefined {
  const id = asString(bindings.get("revision"));
  if (id === undefined) return undefined;
  return { id, after: [...ids(bindings.get("down_revision")), ...ids(bindings.get("depends_on"))], branchLabels: ids(bindings.get("branch_labels")) };
}
