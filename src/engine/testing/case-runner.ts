/**
 * Runs a rule's table of cases through the whole engine (adapter + rules + waivers), exactly as users'
 * files go through it. Shared by the rule tests and the docs generator, so the docs' examples are the tests.
 */
import { isDrizzleJournalPath } from "../adapters/sql/layouts/drizzle.js";
import { isDieselMetadataPath } from "../adapters/sql/layouts/diesel.js";
import { existsSync, readdirSync } from "node:fs";
import { isAlembicHeadPath } from "../repository/alembic-head-file.js";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze } from "../analyze.js";
import { isPythonManifestPath } from "../repository/python-requirements.js";
import { isDeployPath } from "../deploy/deploy-paths.js";
import { isDeployDocPath } from "../deploy/deploy-doc-paths.js";
import { isRustCrateFile } from "../deploy/deploy-model.js";
import { isManifestPath, isSchemaDumpPath } from "../repository/fact-paths.js";
import { declarationAt, declaresFor } from "../baseline/declaration-paths.js";
import { resolveConfig } from "../config.js";
import type { Framework, ReportedFinding } from "../model.js";
import type { Rule, RuleCase, RuleCases } from "../rules/support/rule.js";

export const DEFAULT_CASE_PATHS: Record<Framework, string> = {
  sql: "db/migrations/001_case.sql",
  rails: "db/migrate/20240101000000_case.rb",
  django: "app/migrations/0002_case.py",
  alembic: "alembic/versions/abc123_case.py",
};

export const casePath = (c: RuleCase): string => c.path ?? DEFAULT_CASE_PATHS[c.framework];

/** `sql` with the case's `${name}` placeholders filled in (RuleCase.placeholders), as its runner fills them before the SQL runs. */
export const withPlaceholdersFilled = (c: RuleCase, sql: string): string =>
  c.placeholders ? sql.replace(/\$\{(\w+)\}/g, (written, name: string) => c.placeholders![name] ?? written) : sql;

/** Findings of `rule` for one case (the rule is switched on even when it is opt-in). */
export async function runCase(rule: Rule, c: RuleCase): Promise<ReportedFinding[]> {
  return (await analyzeCase(c, [rule.meta.id])).filter((f) => f.rule === rule.meta.id);
}

/**
 * Every finding on one case's migration, with the rules `switchOn` switched on (opt-in ones too) and `config` laid
 * over the case's own (a case run as another database: `{ database: "mysql" }`).
 */
/** flyway.conf / flyway.toml, Spring's application.properties / application.yml */
const isFlywaySettings = (path: string): boolean => {
  const declaration = declarationAt(path);
  return declaration !== undefined && declaresFor(declaration.kind) === "flyway";
};

export async function analyzeCase(c: RuleCase, switchOn: readonly string[], config: Record<string, unknown> = {}): Promise<ReportedFinding[]> {
  const raw = { ...(c.config ?? {}), ...config } as Record<string, unknown>;
  const rules = { ...((raw.rules as Record<string, unknown>) ?? {}) };
  // switched on without a severity, so the severity a report picks (a note, a warning variant) is what it shows
  for (const id of switchOn) if (!(id in rules)) rules[id] = true;
  const { config: resolved, problems } = resolveConfig({ ...raw, rules });
  if (problems.length) throw new Error(`case "${c.name}" has an invalid config: ${problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
  const path = casePath(c);
  const others = Object.entries(c.files ?? {}).map(([p, content]) => ({ path: p, content }));
  // other files are offered both as repository files (a paired down) and as application code (models)
  // Python dependency files (requirements.txt, pyproject.toml, ...) are what the edges pass as repository files
  // and so are the deploy files (Dockerfile, entrypoint scripts) that tell an offline deploy
  // and a Gemfile / Gemfile.lock (the gems and Rails version the project locks), and the schema dumps
  // and an Alembic project's file naming its head revision, and a diesel migration's metadata.toml
  // and Flyway's and Spring's settings (the schema Flyway runs the migrations in)
  // and a Rust workspace's crates: their Cargo.toml files and the sources that run a migration macro (rust-crates.ts)
  // and the documentation the deploy reads for an upgrade procedure (deploy-doc-paths.ts)
  const repositoryFiles = others.filter((f) => isPythonManifestPath(f.path) || isDeployPath(f.path) || isDeployDocPath(f.path) || isRustCrateFile(f) || isManifestPath(f.path) || isSchemaDumpPath(f.path) || isAlembicHeadPath(f.path) || isDieselMetadataPath(f.path) || isDrizzleJournalPath(f.path) || isFlywaySettings(f.path));
  const result = await analyze({ files: [{ path, content: c.code }, ...others], config: resolved, explicitPaths: new Set([path]), codeFiles: others, snapshot: c.snapshot, repositoryFiles });
  if (result.errors.length) throw new Error(`case "${c.name}": ${result.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  return result.findings.filter((f) => f.path === path);
}

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "rules");

/** Every case table in a rule's folder: `<id>/<id>.cases.ts` (SQL) and `<id>/<id>.<framework>.cases.ts`, merged. */
export async function loadCases(ruleId: string, rulesDir = RULES_DIR): Promise<RuleCases> {
  const merged: RuleCases = { valid: [], invalid: [] };
  const dir = join(rulesDir, ruleId);
  if (!existsSync(dir)) return merged;
  const files = readdirSync(dir).filter((f) => f.startsWith(`${ruleId}.`) && /\.cases\.(ts|js)$/.test(f) && !f.endsWith(".d.ts"));
  for (const file of files.sort()) {
    const rest = file.slice(ruleId.length + 1);
    if (!/^(?:(?:rails|django|alembic|sql)\.)?cases\.(ts|js)$/.test(rest)) continue; // another rule whose id starts the same
    const module = (await import(join(dir, file))) as { default: RuleCases };
    merged.valid.push(...module.default.valid);
    merged.invalid.push(...module.default.invalid);
  }
  return merged;
}
