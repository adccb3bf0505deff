/**
 * The existence checks a Rails migration builds an index under (`unless index_exists?(:t, :c)`), kept around the
 * build a fix moves into a migration of its own. Without them the moved add_index runs on installs where the index
 * is already there (solidus' legacy_promotions 20240622113334: core created it on existing installs) and fails
 * with "index already exists".
 */
import type { ExistenceGuard, Operation } from "../../model.js";
import { sym } from "./fix.js";

type AddIndex = Extract<Operation, { kind: "add_index" }>;

const list = (columns: string[]) => (columns.length === 1 ? sym(columns[0]) : `[${columns.map(sym).join(", ")}]`);

/** a check the migration wrote as code, not one Rails makes for an option (`if_not_exists: true`), which the call keeps */
const writtenCheck = (g: ExistenceGuard) => !/\((?:if_not_exists|if_exists): true\)$/.test(g.text);

/** the build runs under checks the migration wrote: the moved build keeps them (withIndexGuards) */
export const hasWrittenIndexGuards = (op: Operation) => (op.guards ?? []).some(writtenCheck);

const aboutTheIndex = (g: ExistenceGuard) => g.predicate === "index_exists?" || g.predicate === "index_name_exists?";

/**
 * `build` under the index's own checks as written. A build guarded only by checks of the column or table the
 * migration adds (`unless column_exists?(...)`) gets the index's check instead: in a migration that runs after the
 * one adding the column, that check would hold on every install and skip the index on new ones too.
 */
export function withIndexGuards(op: AddIndex, build: string): string {
  const written = (op.guards ?? []).filter(writtenCheck);
  if (written.length === 0) return build;
  const own = written.filter(aboutTheIndex);
  const checks: Array<Pick<ExistenceGuard, "runsWhen" | "text">> = own.length
    ? own
    : [{ runsWhen: "missing", text: `index_exists?(${sym(op.table)}, ${list(op.columns)}${op.name ? `, name: ${JSON.stringify(op.name)}` : ""})` }];
  return checks.reduceRight(
    (inner, g) => [`${g.runsWhen === "missing" ? "unless" : "if"} ${g.text}`, ...inner.split("\n").map((l) => `  ${l}`), "end"].join("\n"),
    build,
  );
}
