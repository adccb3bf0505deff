/**
 * No PostgreSQL advice on MySQL (#17): every Rails, Django and Alembic case of every rule's table (and of the
 * engine's own findings) is run again as a MySQL repository's migration (`database: mysql`, as database.yml's
 * `mysql2` or Django's `django.db.backends.mysql` decide it), with every rule on, and each finding's message,
 * fix and details must be free of PostgreSQL-only words and syntax; the MySQL / MariaDB SQL cases too. The
 * case tables hold the PostgreSQL idioms users write (algorithm: :concurrently, validate: false, ...), so a fix
 * that copies the user's call must leave them out on MySQL. A split that copies the migration's own statements
 * may copy one that is PostgreSQL's as a whole (`add_enum_value`): the user's code, not migguard's advice, so a
 * line of the case's own Rails code passes when no option of it could be dropped (those must be).
 */
import { ENGINE_RULES, SYNTAX_ERROR } from "../engine-rules.js";
import type { Database } from "../model.js";
import { analyzeCase, loadCases } from "../testing/case-runner.js";
import { checkFixSyntax, fixLanguageOf, loadFixParsers } from "../testing/fix-syntax.js";
import { postgresOnlyToken } from "../testing/postgres-only.js";
import { RULES } from "./index.js";
import { appliesToDatabase } from "./support/databases.js";
import { withoutPostgresOptions } from "./support/rails-mysql-call.js";

/** The text without the lines copied from the case's own Rails code whose PostgreSQL-ness is the statement itself. */
function withoutUsersOwnStatements(text: string, c: { framework: string; code: string }): string {
  if (c.framework !== "rails") return text;
  const own = new Set(c.code.split("\n").map((l) => l.trim()).filter(Boolean));
  // a call of the user's quoted inside a line of the fix (`dir.up { execute "..." }`) is theirs too
  const calls = [...own].filter((l) => /^execute\s/.test(l) && withoutPostgresOptions(l) === l);
  return text
    .split("\n")
    .filter((l) => !(own.has(l.trim()) && withoutPostgresOptions(l.trim()) === l.trim()))
    .map((l) => calls.reduce((line, call) => line.split(call).join(""), l))
    .join("\n");
}

await loadFixParsers();

const ALL_IDS = [...RULES.map((r) => r.meta.id), ...ENGINE_RULES.map((m) => m.id)];
const MYSQL_FAMILY = new Set<unknown>(["mysql", "mariadb"]);

/** A case as a MySQL repository's: Rails, Django, Alembic always; SQL only when written in MySQL's dialect. */
const asMysql = (c: { framework: string; code: string; config?: Record<string, unknown> }): Database | undefined => {
  const database = c.config?.database;
  if (MYSQL_FAMILY.has(database)) return database as Database;
  // a migration of django.contrib.postgres fields (ArrayField) cannot run on MySQL: no MySQL repository has it
  if (c.code.includes("django.contrib.postgres")) return undefined;
  // nor one of SQLAlchemy's PostgreSQL types (`postgresql.ENUM(..., name=...)`, dstack's enums)
  if (c.framework === "alembic" && c.code.includes("postgresql.ENUM(")) return undefined;
  return c.framework === "sql" ? undefined : "mysql";
};

const tables = await Promise.all(ALL_IDS.map(async (id) => ({ id, cases: await loadCases(id) })));
const cases = tables.flatMap(({ id, cases: table }) =>
  [...table.invalid, ...table.valid].flatMap((c) => {
    const database = asMysql(c);
    return database ? [[`${id} / ${c.framework}: ${c.name}`, c, database] as const] : [];
  }),
);

it("runs a case of every framework as MySQL's", () => {
  expect(new Set(cases.map(([, c]) => c.framework))).toEqual(new Set(["rails", "django", "alembic", "sql"]));
  expect(cases.length).toBeGreaterThan(300);
});

describe.each(cases)("%s", (_name, c, database) => {
  it("gets no PostgreSQL-only rule, word or syntax", async () => {
    const findings = await analyzeCase(c, ALL_IDS, { database });
    for (const f of findings) {
      const rule = RULES.find((r) => r.meta.id === f.rule);
      if (rule) expect({ rule: f.rule, applies: appliesToDatabase(rule.meta, database) }).toEqual({ rule: f.rule, applies: true });
      // a syntax error quotes the user's own SQL, PostgreSQL's when the case was written for it
      if (f.rule === SYNTAX_ERROR.id) continue;
      const text = [f.message, f.fix, ...f.details].join("\n");
      expect({ rule: f.rule, text, postgres: postgresOnlyToken(withoutUsersOwnStatements(text, c)) }).toEqual({ rule: f.rule, text, postgres: undefined });
      const language = fixLanguageOf(f.path, database);
      if (language) expect({ rule: f.rule, fix: f.fix, ...checkFixSyntax(language, f.fix) }).toEqual({ rule: f.rule, fix: f.fix, ok: true });
    }
  });
});
