/**
 * A Django field as the database side of a concurrent unique build adds it: without its unique constraint, which the
 * index built CONCURRENTLY then carries. `unique=True` is dropped; a OneToOneField is unique by its kind (Django adds
 * the constraint with the column whatever its keywords say), so it becomes the ForeignKey it is underneath, without
 * the plain index the unique one replaces; a new column loses `db_index=True` too (a plain index built under the
 * lock). Django's state keeps the field as written.
 */
import { indexedByDefault } from "../../adapters/python/django-default-index.js";
import { calleeOf, keywordText, keywordTruthy, withCallee, withKeyword, withoutKeyword } from "../support/python-call.js";

export function djangoFieldWithoutUnique(def: string, added = true): string {
  const callee = calleeOf(def) ?? "";
  if (/(?:^|\.)OneToOneField$/.test(callee)) {
    const key = withCallee(def, "models.ForeignKey");
    const plain = key && (withoutKeyword(key, "unique") ?? key);
    // a new column gets no plain index built under the lock; an altered one keeps the index it has while the unique one is built
    return (plain && (added ? withKeyword(plain, "db_index", "False") : plain)) ?? def;
  }
  const plain = withoutKeyword(def, "unique") ?? def;
  if (!added) return plain;
  // without unique=True, db_index=True (a ForeignKey's or SlugField's default) makes Django build a plain index on the
  // new column under the lock: the unique index built CONCURRENTLY serves the lookups (Django builds none beside a unique one)
  if (indexedByDefault(callee) && keywordTruthy(def, "db_index") !== false) return withKeyword(plain, "db_index", "False") ?? plain;
  return keywordTruthy(def, "db_index") ? (withoutKeyword(plain, "db_index") ?? plain) : plain;
}

/** An AlterField whose field leaves its unique constraint to the concurrent build (its other changes kept). */
export function djangoAlterFieldWithoutUnique(alter: string): string | undefined {
  const field = keywordText(alter, "field");
  if (field) return withKeyword(alter, "field", djangoFieldWithoutUnique(field, false), (c) => /(?:^|\.)AlterField$/.test(c));
  return withoutKeyword(alter, "unique", (c) => !/(?:^|\.)AlterField$/.test(c));
}
