/**
 * Every rule against its own table of cases (ESLint RuleTester style): invalid cases must be reported on
 * exactly the given lines, valid cases not at all. The same tables are the examples of the rule docs.
 */
import { casePath, loadCases, runCase, withPlaceholdersFilled } from "../testing/case-runner.js";
import { checkFixSyntax, fixLanguageOf, loadFixParsers } from "../testing/fix-syntax.js";
import type { Database } from "../model.js";
import { postgresOnlyToken } from "../testing/postgres-only.js";
import { placeholderArgument, placeholderName } from "../testing/placeholder-arguments.js";
import { RULES } from "./index.js";
import { usesUnknownName } from "../unknown-name.js";
import { unboundLocals } from "../testing/unbound-locals.js";
import { missingDownRevisions, unboundInNewRevisions } from "../testing/new-revision-names.js";

await loadFixParsers();

const tables = await Promise.all(RULES.map(async (rule) => ({ rule, cases: await loadCases(rule.meta.id) })));

describe.each(tables.map((t) => [t.rule.meta.id, t] as const))("%s", (_id, { rule, cases }) => {
  it("has at least one invalid and one valid case", () => {
    expect(cases.invalid.length).toBeGreaterThan(0);
    expect(cases.valid.length).toBeGreaterThan(0);
  });

  it("has meta that explains the hazard", () => {
    expect(rule.meta.id).toMatch(/^[a-z][a-z0-9-]+$/);
    expect(rule.meta.why.length).toBeGreaterThan(40);
  });

  if (cases.invalid.length)
    it.each(cases.invalid.map((c) => [`${c.framework}: ${c.name}`, c] as const))("reports %s", async (_name, c) => {
      const findings = await runCase(rule, c);
      expect(findings.map((f) => f.line)).toEqual(c.lines);
      if (c.severities) expect(findings.map((f) => f.severity)).toEqual(c.severities);
      if (c.fixes) expect(findings.map((f) => f.fix)).toEqual(c.fixes);
      if (c.messages) expect(findings.map((f, i) => (f.message.includes(c.messages![i]) ? c.messages![i] : f.message))).toEqual(c.messages);
      for (const f of findings) {
        expect(f.path).toBe(casePath(c));
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.fix.trim().length).toBeGreaterThan(10);
        // a name the adapter could not read ("?") is never printed as if it were one
        expect({ fix: f.fix, unreadName: usesUnknownName(f.fix) }).toEqual({ fix: f.fix, unreadName: false });
        expect({ message: f.message, unreadName: usesUnknownName(f.message) }).toEqual({ message: f.message, unreadName: false });
        // the swappable user model's setting is no table: SQL never references it (its table is read or said unknown)
        expect({ fix: f.fix, referencesSetting: /REFERENCES\s+settings\./.test(f.fix) }).toEqual({ fix: f.fix, referencesSetting: false });
        // the fix is code in the language of the file it is shown for, and parses as a whole
        const database = (c.config as { database?: Database } | undefined)?.database;
        const language = fixLanguageOf(f.path, database);
        if (language) expect({ fix: f.fix, ...checkFixSyntax(language, language === "sql" ? withPlaceholdersFilled(c, f.fix) : f.fix) }).toEqual({ fix: f.fix, ok: true });
        // and names no local of the migration where it is undefined (a loop's `table` lifted out of its loop)
        if (language === "ruby") expect({ fix: f.fix, unboundLocals: unboundLocals(f.fix, c.code) }).toEqual({ fix: f.fix, unboundLocals: [] });
        // and every new Alembic revision it writes out defines what its functions read (a `q` used before it is assigned)
        if (language === "python" && c.framework === "alembic") expect({ fix: f.fix, unbound: unboundInNewRevisions(f.fix) }).toEqual({ fix: f.fix, unbound: [] });
        // and follows a revision the repository holds, or one it writes itself: never another fix's new one
        if (language === "python" && c.framework === "alembic") expect({ fix: f.fix, missingDownRevisions: missingDownRevisions(f.fix, [c.code, ...Object.entries(c.files ?? {}).filter(([p]) => p.endsWith(".py")).map(([, t]) => t)]) }).toEqual({ fix: f.fix, missingDownRevisions: [] });
        // the migration's own arguments, never `(...)` standing for them (it parses, so the check above cannot see it)
        expect({ fix: f.fix, placeholder: placeholderArgument(f.fix) }).toEqual({ fix: f.fix, placeholder: undefined });
        // a name or value it read, never one standing for it (`:other_table`, `"<the CHECK expression>"`)
        expect({ fix: f.fix, placeholderName: placeholderName(f.fix) }).toEqual({ fix: f.fix, placeholderName: undefined });
        // a MySQL / MariaDB migration never gets PostgreSQL's own syntax, in SQL or embedded in Ruby and Python
        if (database === "mysql" || database === "mariadb") expect({ fix: f.fix, postgres: postgresOnlyToken(f.fix) }).toEqual({ fix: f.fix, postgres: undefined });
      }
    });

  if (cases.valid.length)
    it.each(cases.valid.map((c) => [`${c.framework}: ${c.name}`, c] as const))("accepts %s", async (_name, c) => {
      expect(await runCase(rule, c)).toEqual([]);
    });
});
