/**
 * Where a split's data migration runs: right after the migration it comes out of, not at the head of the history.
 * Its code is written for the schema that migration leaves; at the head, later migrations may have renamed or dropped
 * what it touches (karrot's subscriptions 0005, whose RunPython asks for PushSubscription, which 0009 deletes: at the
 * head, apps.get_model raises LookupError; content-tagger's add_column of :message, renamed by a later migration).
 * So the migration that ran next must now run after the new one: Rails and SQL by a version between the two (said
 * when none is free), Django by a dependency on the new file, which that migration must be given (said). Alembic's
 * split already runs right after its revision and re-points the one that followed (rechain).
 */
import type { Migration } from "../../model.js";
import { djangoApp } from "../support/django-migration.js";
import type { RuleContext } from "../support/rule.js";

export interface NextMigration {
  migration: Migration;
  /** why it must run after the data change, in words */
  why: string;
}

/** The later migrations of the folder that ran right after this one: Django's that depend on it, otherwise the next by version. */
export function nextInHistory(ctx: RuleContext): NextMigration[] {
  if (ctx.framework === "alembic") return [];
  const later = ctx.repository.laterInFolder;
  if (!later.length) return [];
  if (ctx.framework === "django") {
    const { name } = djangoApp(ctx.migration);
    return later.filter((m) => m.dependsOn?.includes(name)).map((m) => ({ migration: m, why: `it ran right after ${name}, and the data change is written for the models ${name} leaves` }));
  }
  return [{ migration: later[0], why: `it ran right after this one, and the data change is written for the schema this one leaves` }];
}

/** `needers` with the migrations that ran next after this one, each once. */
export function withNextInHistory<T extends NextMigration>(ctx: RuleContext, needers: readonly T[]): NextMigration[] {
  const next = nextInHistory(ctx).filter((n) => !needers.some((m) => m.migration.path === n.migration.path));
  return [...needers, ...next];
}
