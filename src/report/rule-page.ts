/**
 * A rule's documentation page in Markdown, from its metadata and its own case tables (so the docs show
 * exactly what the tests check), and the index of all rules. Pure: the examples come in already run.
 */
import type { CatalogueEntry } from "../engine/catalogue.js";
import type { Framework, ReportedFinding } from "../engine/model.js";
import { isSqlPath } from "../engine/sql-file-names.js";

export interface RuleExample {
  framework?: Framework;
  name: string;
  /** the migration file and its content */
  path?: string;
  code?: string;
  /** other files the example needs (a down file, a model, the base branch) */
  files: Record<string, string | null>;
  /** for review rules: the change, as files added/modified (content) or deleted (null) */
  change?: Record<string, string | null>;
  /** for execution rules: the migration migguard runs (after the earlier ones among `files`) */
  run?: string;
  /** the repository's `.github/migguard.yml` for the example (`database: mysql`), when it has one */
  config?: Record<string, unknown>;
  /** the production snapshot it is linted against, one line per table */
  production?: string[];
  /** the language of the fixes when it is not the migration's (execution fixes are SQL whatever the framework) */
  fixLanguage?: string;
  /** what migguard reports on it (empty for valid examples) */
  findings: Array<Pick<ReportedFinding, "line" | "severity" | "message" | "fix"> & { path?: string }>;
}

export interface RuleExamples {
  invalid: RuleExample[];
  valid: RuleExample[];
}

const FRAMEWORK_NAMES: Record<Framework, string> = { sql: "SQL", rails: "Rails", django: "Django", alembic: "Alembic" };
const DATABASE_NAMES: Record<string, string> = { postgresql: "PostgreSQL", mysql: "MySQL", mariadb: "MariaDB", sqlite: "SQLite" };
const FRAMEWORK_ORDER: readonly Framework[] = ["sql", "rails", "django", "alembic"];
const fenceFor = (path: string | undefined): string =>
  path?.endsWith(".rb") ? "ruby" : path?.endsWith(".py") ? "python" : path && isSqlPath(path) ? "sql" : path?.endsWith(".yml") ? "yaml" : "";

function block(path: string | undefined, code: string, language = fenceFor(path)): string {
  const fence = code.includes("```") ? "````" : "```";
  return `${fence}${language}\n${code.replace(/\n$/, "")}\n${fence}`;
}

const KIND_NOTES: Record<CatalogueEntry["kind"], string> = {
  model: "",
  review: "Checked on a change (a pull request, or `migguard review --base REF`): it compares the base branch with the head.",
  execution:
    "Raised when migguard runs the migration in PostgreSQL (`migguard lint --execute`, or the App with `execute: true`), or, for a " +
    "MySQL or MariaDB folder, on the server of a `mysql://` MIGGUARD_DATABASE_URL: " +
    "up, down and up again, after the earlier migrations of its folder. Only SQL is run. Ruby and Python code never runs, so a Rails or " +
    "Django migration is run only when every operation in it is SQL (`execute`, `RunSQL`); one that uses the framework's own operations " +
    "(`add_column`, `migrations.AddField`) is checked by the static rules alone. Alembic migrations are not run.",
  drift:
    "Raised by `migguard drift --snapshot FILE PATH...`, which builds the schema the migrations produce (SQL migrations run in " +
    "PGlite or the server of MIGGUARD_DATABASE_URL; Rails' db/structure.sql loaded) and compares it with a production snapshot " +
    "from `migguard snapshot`. Each difference is one finding naming the object and both sides.",
  engine: "Raised by the engine itself rather than a check over the migration's operations.",
};

const listOf = (names: readonly string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? ""));

/** What the rule covers: its declared frameworks, else those of its examples; execution rules only run SQL. */
function appliesTo(entry: CatalogueEntry, fromExamples: readonly Framework[]): string {
  const frameworks = entry.meta.frameworks ?? fromExamples;
  if (frameworks.length === 0) return "every framework";
  if (entry.kind !== "execution") return frameworks.map((f) => FRAMEWORK_NAMES[f]).join(", ");
  const parts = frameworks.includes("sql") ? ["SQL migrations"] : [];
  const others = frameworks.filter((f) => f !== "sql").map((f) => FRAMEWORK_NAMES[f]);
  if (others.length === 0) return parts.join("");
  parts.push(`${listOf(others)} migrations written entirely in SQL`);
  return `${parts.join("; ")} (Ruby and Python code never runs)`;
}

function renderExample(example: RuleExample, reported: boolean): string {
  const out: string[] = [];
  out.push(`#### ${reported ? "Reported" : "Not reported"}: ${example.name}`);
  for (const [path, content] of Object.entries(example.files)) {
    out.push(content === null ? `\`${path}\` (deleted)` : `\`${path}\`${example.change ? " on the base branch" : ""}:\n\n${block(path, content)}`);
  }
  for (const [path, content] of Object.entries(example.change ?? {})) {
    out.push(content === null ? `The change deletes \`${path}\`.` : `The change writes \`${path}\`:\n\n${block(path, content)}`);
  }
  if (example.config && Object.keys(example.config).length)
    out.push(`With \`.github/migguard.yml\`:\n\n${block(".yml", Object.entries(example.config).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join("\n"), "yaml")}`);
  if (example.production?.length) out.push(`With a production snapshot (\`--snapshot\`) where:\n\n${example.production.map((line) => `- ${line}`).join("\n")}`);
  if (example.code !== undefined) out.push(`\`${example.path}\`:\n\n${block(example.path, example.code)}`);
  if (example.run) out.push(`migguard runs \`${example.run}\` up, down and up again, after the migrations before it.`);
  for (const f of example.findings) {
    out.push(`migguard reports, on line ${f.line}${f.path && f.path !== example.path ? ` of \`${f.path}\`` : ""} (${f.severity}):\n\n> ${f.message.replace(/\n/g, "\n> ")}`);
    if (f.fix) out.push(`Safe alternative:\n\n${block(example.path ?? f.path, f.fix, example.fixLanguage)}`);
  }
  return out.join("\n\n");
}

/**
 * The config line of a rule's page: off for a rule that is on; for an opt-in style rule (its notes are info) a
 * warning, so it shows; for an opt-in rule whose reports pick their own severity (dml-without-where: a DELETE an
 * error, an UPDATE a warning, a backfill a note) `true`, which keeps them.
 */
const optInSetting = (meta: CatalogueEntry["meta"]): string =>
  meta.recommended !== false ? "off   # or info, warning, error" : meta.severity === "info" ? "warning   # opt-in" : "true   # opt-in: each finding at its own severity (or info, warning, error for all)";

export function renderRulePage(entry: CatalogueEntry, examples: RuleExamples): string {
  const { meta } = entry;
  const present = new Set([...examples.invalid, ...examples.valid].map((e) => e.framework));
  const frameworks = FRAMEWORK_ORDER.filter((f) => present.has(f));
  const lines: string[] = [
    `# ${meta.id}`,
    "",
    `**${meta.title}**`,
    "",
    "| | |",
    "|---|---|",
    `| Category | \`${meta.category}\` |`,
    `| Default severity | ${meta.recommended === false ? `${meta.severity} (off unless enabled in config)` : meta.severity} |`,
    `| Applies to | ${appliesTo(entry, frameworks)} |`,
  ];
  if (entry.kind === "model" || (entry.kind === "execution" && meta.databases)) lines.push(`| Databases | ${(meta.databases ?? ["postgresql"]).map((d) => DATABASE_NAMES[d] ?? d).join(", ")} |`);
  if (meta.postgres) lines.push(`| PostgreSQL | ${meta.postgres} |`);
  if (meta.hazard === "new-code")
    lines.push(`| Deploy order | shown only when the new code serves before the migration runs (a code-before-migrate deploy: [deploy](../../README.md#deploy-model-deploy-online--offline)) |`);
  else if (meta.hazard)
    lines.push(`| Offline deploy | a note: the hazard needs ${meta.hazard === "concurrency" ? "traffic waiting on the lock" : "old code running on the new schema"}, which an application stopped while it migrates does not have ([deploy](../../README.md#deploy-model-deploy-online--offline)) |`);
  if (meta.supersedes?.length) lines.push(`| Replaces | ${meta.supersedes.map((id) => `[\`${id}\`](${id}.md)`).join(", ")} on the same statement (one hazard, one finding) |`);
  lines.push("", "## Why it is dangerous", "", meta.why);
  if (KIND_NOTES[entry.kind]) lines.push("", KIND_NOTES[entry.kind]);
  if (examples.invalid.length || examples.valid.length) {
    lines.push("", "## Examples", "", "These examples are the rule's own test cases.");
    const byFramework = new Map<string, { invalid: RuleExample[]; valid: RuleExample[] }>();
    for (const [kind, list] of [["invalid", examples.invalid], ["valid", examples.valid]] as const) {
      for (const example of list) {
        const key = example.framework ? FRAMEWORK_NAMES[example.framework] : "";
        const group = byFramework.get(key) ?? { invalid: [], valid: [] };
        group[kind].push(example);
        byFramework.set(key, group);
      }
    }
    const order = (name: string) => FRAMEWORK_ORDER.findIndex((f) => FRAMEWORK_NAMES[f] === name);
    for (const [framework, group] of [...byFramework.entries()].sort(([a], [b]) => order(a) - order(b))) {
      if (framework) lines.push("", `### ${framework}`);
      for (const example of group.invalid) lines.push("", renderExample(example, true));
      for (const example of group.valid) lines.push("", renderExample(example, false));
    }
  }
  lines.push(
    "",
    "## Waiving it",
    "",
    "Silence one statement with a comment on the line before it, saying why (a waiver without a reason does not apply):",
    "",
    "```sql",
    `-- migguard:ignore ${meta.id} <why this is safe here>`,
    "```",
    "",
    `In Ruby and Python: \`# migguard:ignore ${meta.id} <reason>\`. For the whole file: \`migguard:ignore-file ${meta.id} <reason>\`.`,
    "",
    "Or change it for the repository in `.github/migguard.yml`:",
    "",
    "```yaml",
    "rules:",
    `  ${meta.id}: ${optInSetting(meta)}`,
    "```",
    "",
  );
  return lines.join("\n");
}

export function renderRuleIndex(entries: readonly CatalogueEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.meta.id.localeCompare(b.meta.id))
    .map((e) => `| [\`${e.meta.id}\`](${e.meta.id}.md) | \`${e.meta.category}\` | ${e.meta.recommended === false ? `${e.meta.severity} (opt-in)` : e.meta.severity} | ${e.meta.title} |`);
  return [
    "# migguard rules",
    "",
    "Generated by `npm run docs` from each rule's metadata and case tables; do not edit by hand.",
    "",
    "| rule | category | default severity | what it catches |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
