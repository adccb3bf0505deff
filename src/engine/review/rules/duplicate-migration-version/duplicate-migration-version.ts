import { versionSets } from "../../history/version-sets.js";
import { defineReviewRule } from "../../review-rule.js";
import { versionKey } from "../../../migration-versions.js";
import { popDialectOf } from "../../../database/dialect-file.js";

/** pop's refusal: schema_migration holds one row per version, so one of the two files never runs where the other did */
const POP_REFUSAL = "gobuffalo/pop records one schema_migration row per version: a database that ran one of them never runs the other.";

const REFUSAL: Record<string, string> = {
  rails: "Rails refuses to run any migration (ActiveRecord::DuplicateMigrationVersionError).",
  flyway: 'Flyway refuses to run ("Found more than one migration with version").',
  "golang-migrate": "golang-migrate refuses to run (duplicate migration file).",
  goose: "goose refuses to run (duplicate version).",
  dbmate: "dbmate records one of them and never applies the other.",
  prisma: "Prisma orders migrations by folder name; two with one timestamp apply in an arbitrary order.",
};

export default defineReviewRule({
  meta: {
    id: "duplicate-migration-version",
    category: "history",
    severity: "error",
    title: "A new migration reuses an existing version",
    why:
      "Two migrations with one version make runners refuse to run (Rails, Flyway, golang-migrate, goose) or apply " +
      "only one of them (dbmate), typically after two branches picked the same number.",
  },
  check(ctx) {
    for (const set of versionSets(ctx)) {
      if (set.key.startsWith("django:")) continue; // Django numbers are names, not versions (see conflicting-django-migrations)
      // pop (popx) keeps one file per database for a version (x.postgres.up.sql, x.mysql.up.sql, x.up.sql for the
      // rest, each maybe .autocommit): variants of one migration, not two migrations. Two files clash only when
      // one database would run both: the same dialect, or both without one.
      const pop = set.added.some((m) => ctx.runsOnPop?.(m.change.path) ?? false);
      const keyOf = (version: string, path: string) => (pop ? `${versionKey(version)}\0${popDialectOf(path) ?? "*"}` : versionKey(version));
      const taken = new Map<string, string>(); // version key -> first path
      for (const f of set.base) if (f.version) taken.set(keyOf(f.version, f.path), f.path);
      for (const m of set.added) {
        const version = m.file.version;
        if (!version) continue;
        const key = keyOf(version, m.change.path);
        const other = taken.get(key);
        if (other === undefined) {
          taken.set(key, m.change.path);
          continue;
        }
        const refusal = pop ? POP_REFUSAL : (REFUSAL[m.file.layout] ?? "The runner cannot tell the two apart.");
        ctx.report({
          path: m.change.path,
          line: 1,
          statement: `version ${version}`,
          message: `Version ${version} is already used by ${other}. ${refusal}`,
          fix: `Give ${m.change.path} a new version, newer than every migration on the base branch.`,
        });
      }
    }
  },
});
