/**
 * The hostile-input suite's one invariant: a file migguard cannot handle never changes what it reports for
 * another file. `innocent` migrations, one per framework, each with a hazard migguard must keep reporting.
 */
import { analyze, type AnalysisResult } from "../../../src/engine/analyze.js";
import { resolveConfig, type Config } from "../../../src/engine/config.js";
import type { SourceFile } from "../../../src/engine/model.js";

export const INNOCENT: readonly SourceFile[] = [
  { path: "db/migrations/900_drop_invoices.sql", content: "DROP TABLE invoices;\n" },
  {
    path: "db/migrate/29990101000000_drop_accounts.rb",
    content: "class DropAccounts < ActiveRecord::Migration[7.1]\n  def change\n    drop_table :accounts\n  end\nend\n",
  },
  {
    path: "billing/migrations/0001_drop_secrets.py",
    content: 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.RunSQL("DROP TABLE billing_secrets")]\n',
  },
  {
    path: "alembic/versions/zz99_drop_ledger.py",
    content: 'revision = "zz99"\ndown_revision = None\n\nfrom alembic import op\n\n\ndef upgrade():\n    op.drop_table("ledger")\n\n\ndef downgrade():\n    pass\n',
  },
];

/** dml-without-where (opt-in) switched on: its finding on an UPDATE or DELETE without WHERE says the statement was read. */
export const DML_WITHOUT_WHERE_ON: Config = resolveConfig({ rules: { "dml-without-where": true } }).config;

const innocentPaths = new Set(INNOCENT.map((f) => f.path));

/** What a result says about the given paths: findings and errors, in order. */
export function reportFor(result: AnalysisResult, paths: ReadonlySet<string>) {
  return {
    findings: result.findings.filter((f) => paths.has(f.path)).map((f) => `${f.path}:${f.line} ${f.rule} ${f.message}`),
    errors: result.errors.filter((e) => paths.has(e.path)).map((e) => `${e.path}: ${e.message}`),
  };
}

let baseline: ReturnType<typeof reportFor> | undefined;

/** The innocent files' report when analysed alone. */
export async function innocentBaseline() {
  baseline ??= reportFor(await analyze({ files: INNOCENT }), innocentPaths);
  return baseline;
}

/**
 * Analyse `hostile` with the innocent files (in one call, then in separate calls before and after), check the
 * innocent files' report never changes, and return the hostile files' own result (`once`: the joint one).
 */
export async function expectIsolated(hostile: readonly SourceFile[], options: { config?: Config; once?: boolean } = {}): Promise<AnalysisResult> {
  const { config } = options;
  const alone = await innocentBaseline();
  const together = await analyze({ files: [...hostile, ...INNOCENT], config });
  expect(reportFor(together, innocentPaths)).toEqual(alone);
  // big files: their own report is read from the joint analysis (the isolation check above covers the rest)
  if (options.once) return together;
  const own = await analyze({ files: hostile, config });
  // the next analysis, as the next pull request in the App: the parsers the hostile files broke were replaced
  expect(reportFor(await analyze({ files: INNOCENT }), innocentPaths)).toEqual(alone);
  return own;
}

export const rulesOf = (result: AnalysisResult, path: string): string[] => result.findings.filter((f) => f.path === path).map((f) => f.rule);
