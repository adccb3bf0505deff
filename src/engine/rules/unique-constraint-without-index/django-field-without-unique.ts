/**
 * A Django field as the database side of a concurrent unique build adds it: without its unique constraint, which the
 * index built CONCURRENTLY then carries. `unique=True` is dropped; a OneToOneField is unique by its kind (Django adds
 * the constraint with the column whatever its keywords say), so it becomes the ForeignKey it is underneath, without
 * the plain index the unique one replaces. Django's state keeps the field as written.
 */
import { calleeOf, withCallee, withKeyword, withoutKeyword } from "../support/python-call.js";

export function djangoFieldWithoutUnique(def: string): string {
  const callee = calleeOf(def) ?? "";
  if (/(?:^|\.)OneToOneField$/.test(callee)) {
    const key = withCallee(def, "models.ForeignKey");
    return (key && withKeyword(withoutKeyword(key, "unique") ?? key, "db_index", "False")) ?? def;
  }
  return withoutKeyword(def, "unique") ?? def;
}
