/**
 * `.github/migguard.yml`: the one config file the CLI and the App both read.
 * An invalid config never stops a review: every bad key is reported (naming the key) and
 * falls back to its default, while the valid keys still apply.
 */
import { CST, isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { CONFIG_LIMITS } from "./limits.js";
import { z } from "zod";
import { Database, Severity } from "./model.js";

// rules read their settings through these, which need neither zod nor YAML (rule-settings.ts)
export { ruleOptions, ruleSeverity } from "./rule-settings.js";

const RULE_SETTING_HELP = "expected off, info, warning or error, true or false, or { severity: ..., options: {...} }";

export const RuleSetting = z.union(
  [
  z.enum(["off", "error", "warning", "info"]),
  z.boolean(),
  z
    .object({
      severity: z.enum(["off", "error", "warning", "info"]).optional(),
      /** rule-specific options, validated by the rule */
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  ],
  { error: RULE_SETTING_HELP },
);
export type RuleSetting = z.infer<typeof RuleSetting>;

const Globs = z.array(z.string()).default([]);

/**
 * A migration version as the runner writes it: a Rails or dbmate timestamp, a golang-migrate number, a Flyway
 * version ("2.1"), a Django migration ("0042", "shop.0042", "0042_add_tags"), an Alembic revision id. YAML reads
 * 1.10 as the number 1.1, so only whole numbers may go unquoted.
 */
const BaselineVersion = z.union(
  [z.string().trim().regex(/^[\w.-]+$/), z.number().int().nonnegative().transform((v) => String(v))],
  { error: "expected a migration version such as 20230101000000, \"2.1\", \"0042\" or an Alembic revision id; quote a dotted version (YAML reads 1.10 as the number 1.1)" },
);

export const ConfigSchema = z
  .object({
    /**
     * hazards and fix syntax that depend on the server version (volatile defaults before 11, enum ADD VALUE before 12,
     * EXECUTE PROCEDURE before 11, ...); unset, the version the repository names (database/postgres-version.ts), else 15
     */
    postgres_version: z.number().int().min(9).max(18).optional(),
    /** the database the migrations run on; wins over what the repository's files say (engine/database) */
    database: Database.optional(),
    /** its server version: "8.0.29" (MySQL), "10.11" (MariaDB); YAML's 8.0 arrives as a number */
    database_version: z
      .union([z.string().regex(/^\d+(\.\d+){0,2}$/, "expected a version such as \"8.0\" or \"8.0.29\""), z.number().positive()])
      .transform((v) => String(v))
      .optional(),
    rules: z.record(z.string(), RuleSetting).default({}),
    /** extra migration locations, as globs relative to the repository root */
    paths: z
      .object({
        sql: Globs,
        rails: Globs,
        django: Globs,
        alembic: Globs,
        /** never treat these as migrations */
        exclude: Globs,
        /** test-fixture folders read as migrations all the same: the CLI adds a fixture folder named on its command line */
        fixtures: z.array(z.string()).optional(),
        /** folders of tern's migrations (`<n>_<name>.sql`); a folder holding tern.conf is one without saying so (marked-sql-folders.ts) */
        tern: z.array(z.string()).optional(),
        /** folders of Atlas's versioned migrations (`<version>_<name>.sql`); a folder holding atlas.sum is one without saying so */
        atlas: z.array(z.string()).optional(),
        /** folders of Drizzle's migrations (`<tag>.sql`); a folder holding meta/_journal.json is one without saying so */
        drizzle: z.array(z.string()).optional(),
      })
      .strict()
      .default({ sql: [], rails: [], django: [], alembic: [], exclude: [] }),
    /** check-run conclusion when there are error findings */
    conclusion_on_error: z.enum(["failure", "neutral"]).default("failure"),
    /** check-run conclusion when a migration could not be analysed (or the review could not finish): never a silent pass */
    conclusion_on_unanalysed: z.enum(["failure", "neutral"]).default("failure"),
    /** run SQL migrations up -> down -> up in an embedded database */
    execute: z.boolean().default(true),
    /** the App's inline review comments: for error findings only, for errors and warnings, or none (the check lists everything) */
    review_comments: z.enum(["error", "warning", "off"]).default("error"),
    /** regulated columns: "users.phone_number", "*.ssn" */
    sensitive: z.array(z.string()).default([]),
    /** schema dumps kept in the repository, beside db/schema.rb and db/structure.sql */
    schema_dumps: Globs,
    /** Flyway's outOfOrder: a new version older than the newest applied one is allowed */
    flyway_out_of_order: z.boolean().default(false),
    /** base URL of the rule pages; a finding links to `${docs_url}/${rule}.md` */
    docs_url: z.string().url().optional(),
    /** files larger than this are reported and skipped */
    max_file_bytes: z.number().int().positive().default(1_000_000),
    /** the App's usage search reads at most this many files / bytes of application code from the head's tarball; past them it stops reading and says so */
    max_code_files: z.number().int().positive().default(50_000),
    max_code_bytes: z.number().int().positive().default(200_000_000),
    /** the production snapshot (`migguard snapshot`) in the repository, read from the base branch */
    snapshot: z.string().min(1).optional(),
    /** a table below both (in the snapshot) is small: its lock findings drop to info */
    small_table: z
      .object({ rows: z.number().nonnegative().default(10_000), mb: z.number().nonnegative().default(10) })
      .strict()
      .default({ rows: 10_000, mb: 10 }),
    /**
     * without a snapshot: a lock finding on a table an earlier migration created at most `days` days before (by their
     * version dates) is a note (info) that says so and keeps the safe fix; a new table is usually small. 60: the
     * new-table false alarms of the audits were 1 day to 7 weeks old. A note, not a warning: the audits' judges (seeds
     * 13 to 34) called the 38 such warnings they saw 2 true, 27 false, 9 debatable (7 % precision): the table is
     * small, the message itself hedges, there is nothing to act on. A table a Django app's 0001_initial created stays
     * a warning (that migration may be a reset's, over old tables). 0 turns it off (the rule's own severity)
     */
    young_table: z.object({ days: z.number().int().nonnegative().default(60) }).strict().default({ days: 60 }),
    /** the speeds estimates of time under a lock assume (MB of table per second) */
    throughput: z
      .object({
        scan_mb_per_s: z.number().positive().default(100),
        rewrite_mb_per_s: z.number().positive().default(30),
        index_mb_per_s: z.number().positive().default(30),
      })
      .strict()
      .default({ scan_mb_per_s: 100, rewrite_mb_per_s: 30, index_mb_per_s: 30 }),
    /**
     * how migrations reach production: `online`, instances overlap (old code runs on the new schema, traffic waits on
     * locks); `offline`, the application is stopped while they run (lock and old-code findings become notes);
     * `code-before-migrate`, the new code serves before they run (old-code findings of Django and Alembic become notes,
     * a column the new code's models read before the migration adds it is an error: deploy/code-first.ts);
     * `auto`, read from the repository's entrypoint and deploy files (deploy/deploy-model.ts), else online
     */
    deploy: z.enum(["auto", "online", "offline", "code-before-migrate"]).default("auto"),
    /** `migguard drift`: objects of production that no migration should be expected to create (globs over "kind name") */
    drift_ignore: Globs,
    /**
     * per migration folder (relative to the repository root), the version at or before which its migrations ran on
     * every database: their lint findings are not reported (baseline/baselines.ts). Peers' own declarations
     * (StrongMigrations.start_after, Flyway's baselineVersion) count as well; this wins for the folders it names
     */
    baseline: z.record(z.string().min(1), BaselineVersion).default({}),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export const defaultConfig = (): Config => ConfigSchema.parse({});

export interface ConfigProblem {
  /** dotted key path, e.g. "rules.drop-column" or "postgres_version" */
  key: string;
  message: string;
  /** line of the key in the YAML text, when the text is at hand */
  line?: number;
  /** the whole config was set aside (not valid YAML, too large): every key has its default */
  wholeConfig?: boolean;
}

export interface LoadedConfig {
  config: Config;
  problems: ConfigProblem[];
}

const keyOf = (path: PropertyKey[]): string => path.map(String).join(".") || "(root)";

/**
 * Validate a parsed config object. Bad top-level keys are dropped (and reported) so the rest applies;
 * `knownRules` lets the caller reject rule ids that do not exist.
 */
export function resolveConfig(raw: unknown, knownRules?: ReadonlySet<string>): LoadedConfig {
  const problems: ConfigProblem[] = [];
  if (raw === null || raw === undefined) return { config: defaultConfig(), problems };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { config: defaultConfig(), problems: [{ key: "(root)", message: "the config must be a mapping of keys to values" }] };
  }
  const candidate: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = ConfigSchema.safeParse(candidate);
    if (result.success) {
      if (knownRules) {
        for (const id of Object.keys(result.data.rules)) {
          if (!knownRules.has(id)) {
            problems.push({ key: `rules.${id}`, message: `unknown rule "${id}" (run \`migguard rules\` for the list)` });
            delete result.data.rules[id];
          }
        }
      }
      return { config: result.data, problems };
    }
    const dropped = new Set<string>();
    for (const issue of result.error.issues) {
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
          : issue.message;
      const key = issue.code === "unrecognized_keys" && issue.path.length === 0 ? issue.keys.join(", ") : keyOf(issue.path);
      problems.push({ key, message });
      if (issue.code === "unrecognized_keys" && issue.path.length === 0) issue.keys.forEach((k) => dropped.add(k));
      else if (issue.path.length > 0) dropped.add(String(issue.path[0]));
    }
    if (dropped.size === 0) return { config: defaultConfig(), problems };
    // Keep what is valid inside `rules` instead of discarding all of it for one bad entry.
    for (const top of dropped) {
      if (top === "rules" && typeof candidate.rules === "object" && candidate.rules !== null) {
        const rules = { ...(candidate.rules as Record<string, unknown>) };
        for (const [id, setting] of Object.entries(rules)) if (!RuleSetting.safeParse(setting).success) delete rules[id];
        if (Object.keys(rules).length === Object.keys(candidate.rules as object).length) delete candidate.rules;
        else candidate.rules = rules;
      } else delete candidate[top];
    }
  }
  return { config: defaultConfig(), problems };
}

// where the config lives, in a module of its own: rules name it, and a lint without a config loads no zod
export { CONFIG_PATHS } from "./config-paths.js";

/**
 * Why a config text is beyond CONFIG_LIMITS, from YAML's tokens (linear, and stopping at the limit) before the
 * document is built: the yaml library's composer recurses per level of flow nesting.
 */
function beyondLimits(yamlText: string): string | undefined {
  const bytes = Buffer.byteLength(yamlText);
  if (bytes > CONFIG_LIMITS.bytes) return tooManyBytes(bytes);
  let depth = 0;
  let values = 0;
  for (const token of new Lexer().lex(yamlText)) {
    switch (CST.tokenType(token)) {
      case "flow-map-start":
      case "flow-seq-start":
        if (++depth > CONFIG_LIMITS.depth) return `it nests more than ${CONFIG_LIMITS.depth} levels of [ ] or { }`;
        break;
      case "flow-map-end":
      case "flow-seq-end":
        depth--;
        break;
      case "scalar":
      case "single-quoted-scalar":
      case "double-quoted-scalar":
      case "block-scalar-header":
        if (++values > CONFIG_LIMITS.values) return `it has more than ${CONFIG_LIMITS.values} keys and values`;
        break;
    }
  }
  return undefined;
}

/** The first key written twice in one mapping, with its dotted path (YAML forbids it; which one wins is unclear). */
function duplicateKey(doc: Document, lines: LineCounter): ConfigProblem | undefined {
  const stack: Array<{ node: unknown; path: string }> = [{ node: doc.contents, path: "" }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isSeq(node)) node.items.forEach((item, i) => stack.push({ node: item, path: path ? `${path}.${i}` : String(i) }));
    if (!isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyPath = path ? `${path}.${key}` : key;
      if (seen.has(key)) {
        const range = (pair.key as YamlNode | null)?.range;
        return { key: keyPath, message: "the key is written twice", line: range ? lines.linePos(range[0]).line : undefined };
      }
      seen.add(key);
      stack.push({ node: pair.value, path: keyPath });
    }
  }
  return undefined;
}

const defaultsBecause = (problem: ConfigProblem): LoadedConfig => ({ config: defaultConfig(), problems: [{ ...problem, wholeConfig: true }] });
const tooManyBytes = (bytes: number) => `the file is ${bytes} bytes; migguard reads configs up to ${CONFIG_LIMITS.bytes} bytes`;
const tooLarge = (why: string): LoadedConfig => defaultsBecause({ key: "(root)", message: `the config is too large to read (${why})` });

/** A config file larger than CONFIG_LIMITS.bytes, reported without reading it. */
export const oversizedConfig = (bytes: number): LoadedConfig => tooLarge(tooManyBytes(bytes));

/**
 * Parse the YAML text of `.github/migguard.yml`; problems carry the line of the key they name. A config beyond
 * CONFIG_LIMITS, with a duplicate key or aliases that expand too far, is reported whole and the defaults apply.
 */
export function loadConfig(yamlText: string | undefined, knownRules?: ReadonlySet<string>): LoadedConfig {
  if (yamlText === undefined || yamlText.trim() === "") return { config: defaultConfig(), problems: [] };
  const beyond = beyondLimits(yamlText);
  if (beyond) return tooLarge(beyond);
  const lines = new LineCounter();
  // duplicate keys are found below in one pass: the library's own check compares every pair of keys
  const doc = parseDocument(yamlText, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    const line = error.linePos?.[0].line;
    return defaultsBecause({ key: "(yaml)", message: `not valid YAML: ${error.message.split("\n")[0]}`, line });
  }
  const duplicate = duplicateKey(doc, lines);
  if (duplicate) return defaultsBecause(duplicate);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: CONFIG_LIMITS.aliases });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return defaultsBecause({ key: "(yaml)", message: `its aliases expand to more than ${CONFIG_LIMITS.aliases} nodes (a YAML alias bomb)` });
  }
  const loaded = resolveConfig(raw, knownRules);
  return { ...loaded, problems: loaded.problems.map((p) => ({ ...p, line: p.line ?? keyLine(doc, lines, p.key) })) };
}

/** The line of a dotted key ("rules.drop-column", "paths.sql.0") in the document. */
function keyLine(doc: Document, lines: LineCounter, key: string): number | undefined {
  const path = key.split(", ")[0].split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
