import { fixFor, sym } from "../../../rules/support/fix.js";
import { ignoredColumnsFix } from "../../../rules/support/rails-fix.js";
import { isActiveRecordSettingsPath, isModelPath } from "../../../adapters/rails/model-path.js";
import { rubyReaders, rubyReadersLoaded } from "../../../adapters/rails/ruby-readers.js";
import type { SourceFile } from "../../../model.js";
import { safeToDrop, sharedFieldName, sharedReverseAccessor, stillDefinedNames } from "../../../code/code-models.js";
import type { Usage } from "../../../code/usage-search.js";
import { changedTargets, type UsageTarget } from "../../../code/usage-targets.js";
import type { Reference } from "../../../code/usage-reference.js";
import { defineReviewRule, type ReviewRuleContext } from "../../review-rule.js";
import { safeDropDetail } from "../../safe-drop.js";
import { escapeRegExp } from "../../../regexp.js";
import { matchedNames, usageKey } from "./matched-names.js";

/** Usages shown in the message itself; all of them go to the details. */
const IN_MESSAGE = 5;

/** `a, b, c, d, e and 3 more`: the first IN_MESSAGE items, and how many more there are. */
const listed = (items: readonly string[]): string => items.slice(0, IN_MESSAGE).join(", ") + (items.length > IN_MESSAGE ? ` and ${items.length - IN_MESSAGE} more` : "");

/**
 * What still reaches the column while the deployed model ignores it:
 * - raw SQL on the target's table: `FROM versions`, `JOIN versions`, `UPDATE versions`, `versions.info_checksum`;
 * - Active Record query arguments in Ruby: `where(completed_at: nil)`, `where.not(completed_at: nil)`,
 *   `order(:completed_at)`, `pluck(:completed_at)` write the name into SQL whatever ignored_columns says, so they
 *   work today and fail once the column is gone. Taken as the name written as a symbol or a hash key, the forms
 *   those arguments take (a `validates :x` counts too: reported rather than missed).
 */
function reachesColumnDespiteIgnore(target: UsageTarget): (usage: Usage) => boolean {
  const table = escapeRegExp(target.table.split(".").pop() ?? target.table);
  const column = escapeRegExp(target.column ?? "");
  const sql = new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+["\`]?${table}\\b|(?<![.\\w])${table}\\.${column}\\b`, "i");
  const queryArgument = new RegExp(`(?<![\\w:]):${column}\\b(?![:?!=])|(?<![\\w.:@$])${column}:(?!:)`);
  return (usage) => sql.test(usage.text) || (usage.path.endsWith(".rb") && queryArgument.test(usage.text));
}

/**
 * The target's usages outside `excluded`, one per line, in the order of their paths and lines: those `keep` takes,
 * and the others (`left`), each list read in the one pass over the search's results.
 */
function usagesOf(ctx: ReviewRuleContext, target: UsageTarget, excluded: ReadonlySet<string>, keep: (usage: Usage) => boolean = () => true): { usages: Usage[]; left: Usage[]; truncated: boolean; found: Map<string, Set<string>> } {
  const kept = { seen: new Set<string>(), usages: [] as Usage[] };
  const left = { seen: new Set<string>(), usages: [] as Usage[] };
  // the identifiers each line was found by: the message names those (matched-names.ts)
  const found = new Map<string, Set<string>>();
  let truncated = false;
  for (const id of target.identifiers) {
    truncated ||= ctx.usages?.truncated(id) ?? false;
    for (const usage of ctx.usages?.usagesOf(id) ?? []) {
      const key = usageKey(usage);
      found.set(key, (found.get(key) ?? new Set()).add(id));
      const side = keep(usage) ? kept : left;
      if (side.seen.has(key) || excluded.has(key)) continue;
      side.seen.add(key);
      side.usages.push(usage);
    }
  }
  const inOrder = (usages: Usage[]) => usages.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  return { usages: inOrder(kept.usages), left: inOrder(left.usages), truncated, found };
}

/** What a Rails fix needs to name the model of a table: the project's model classes in the code given (read with Prism). */
interface ModelLookup {
  model(table: string): { className: string; path: string; opening: string[] } | undefined;
  modelFiles(): readonly SourceFile[];
}

function modelLookup(codeFiles: readonly SourceFile[]): ModelLookup | undefined {
  if (!rubyReadersLoaded()) return undefined;
  const modelFiles = codeFiles.filter((f) => isModelPath(f.path));
  // with config/application.rb and the initializers: they say how Active Record names every table (pluralize_table_names)
  const models = rubyReaders().readModelFiles(codeFiles.filter((f) => isModelPath(f.path) || isActiveRecordSettingsPath(f.path)));
  return {
    // the most specific name a model answers to is the last it lists (its table_name, or Condition::Translation's condition_translations)
    model: (table) => models.find((m) => m.tables.at(-1) === table) ?? models.find((m) => m.tables.includes(table)),
    modelFiles: () => modelFiles,
  };
}

function describe(target: UsageTarget): string {
  switch (target.kind) {
    case "drop_column":
      return `Column ${target.label} is dropped`;
    case "rename_column":
      return `Column ${target.label} is renamed to ${target.newName}`;
    case "drop_table":
      return `Table ${target.label} is dropped`;
    case "rename_table":
      return `Table ${target.label} is renamed to ${target.newName}`;
  }
}

/**
 * What to do with the lines, by operation: a drop needs the code off the name before the migration runs; a
 * rename needs the code moved to the new name (rename-column's fix on the same line writes the steps that keep
 * both names working while it deploys). `certain`: every line reads this table's; otherwise they are to check.
 */
function fixOf(target: UsageTarget, files: string[], certain = true, models?: ModelLookup): string {
  const where = listed(files);
  const column = target.column ?? "";
  const name = target.kind === "drop_column" || target.kind === "rename_column" ? (target.ormField ?? column) : target.label;
  const lines = certain ? `${where}` : `those of ${where} that read ${target.label}`;
  const comment = target.migration.framework === "django" || target.migration.framework === "alembic" || target.migration.framework === "rails" ? "#" : "--";
  if (target.kind === "rename_column" || target.kind === "rename_table") {
    const renamed = target.kind === "rename_table" && target.ormModel ? `${target.ormModel} (${target.label})` : name;
    return [
      `${comment} 1. Move ${lines} to ${target.newName} in this change: after the migration ${renamed} no longer exists.`,
      `${comment} 2. Code still running on the old name while the change deploys fails until it restarts: rename in steps (add ${target.newName} beside ${target.kind === "rename_column" ? column : target.label}, keep both in step, deploy, then drop the old), as rename-${target.kind === "rename_column" ? "column" : "table"}'s fix on this line writes them.`,
    ].join("\n");
  }
  return fixFor(target.migration.framework, {
    sql: `
      -- 1. Remove every use of ${name} in ${lines} and deploy that code first.
      -- 2. Then merge this migration.`,
    rails: () => target.kind === "drop_column"
      ? [
          `# 1. Stop using ${column} in ${lines} and make Active Record forget the column, then deploy:`,
          // the project's own class of the table (Condition::Translation, opened as its file opens it), never a name made up from the table's
          ignoredColumnsFix(models, target.table, [column], target.migration),
          `# 2. Then merge this migration (remove_column ${sym(target.table)}, ${sym(column)}, ...).`,
        ].join("\n")
      : `# 1. Remove the model and every use of ${target.label} in ${lines} and deploy.\n# 2. Then merge this migration.`,
    django: () => target.kind === "drop_table" && target.ormField
      ? `
        # 1. Stop using ${target.ormModel ? `${target.ormModel}.` : ""}${target.ormField}, its reverse accessor included, in ${lines}, deploy that code,
        # 2. then merge this migration (the model stays; only the field's join table ${target.label} goes).`
      : target.kind === "drop_column"
      ? `
        # 1. Remove ${name} from the model and from ${lines}, deploy that code,
        # 2. then merge this migration.`
      : `# 1. Remove the model and every use of it in ${lines} and deploy.\n# 2. Then merge this migration.`,
  });
}

export default defineReviewRule({
  meta: {
    id: "dropped-object-still-used",
    category: "breaking-change",
    severity: "error",
    title: "Application code still uses a column or table the migration drops or renames",
    why:
      "The seed's outage: a column was dropped while a legacy report still read it. Migrations run before (or " +
      "while) the new code deploys, so every line that still names a dropped or renamed column or table fails in " +
      "production. migguard searches the application code (not migrations, schema dumps or vendored files) for " +
      "the name as a whole word and lists each file and line.",
  },
  check(ctx) {
    if (!ctx.usages) return; // no application code was given: nothing to search
    // the model classes a Rails drop_column's fix names: read once for the check, when a finding asks for them
    let lookup: { models: ModelLookup | undefined } | undefined;
    const modelsFor = (target: UsageTarget) =>
      target.migration.framework === "rails" && target.kind === "drop_column" ? (lookup ??= { models: modelLookup(ctx.codeFiles) }).models : undefined;
    for (const dropped of changedTargets(ctx.migrations, ctx.change)) {
      // names the final model state still defines (a reverse accessor now, a model declared again on a new table):
      // code naming them reads what stays, so they are no usage of the drop; nothing left to search, nothing to say
      const defined = stillDefinedNames(dropped, ctx.models);
      const changed: UsageTarget = defined.size
        ? { ...dropped, identifiers: dropped.identifiers.filter((id) => !defined.has(id)), ...(dropped.ormField && defined.has(dropped.ormField) ? { ormField: undefined } : {}) }
        : dropped;
      if (changed.identifiers.length === 0) continue;
      const sharedWith = sharedReverseAccessor(changed, ctx.models);
      const sharedFields = sharedFieldName(changed, ctx.models);
      const shared = new Map([...sharedWith, ...sharedFields]);
      const target: UsageTarget = shared.size ? { ...changed, sharedWith: shared } : changed;
      const changedPaths = new Set(ctx.changes.filter((c) => c.status !== "removed").map((c) => c.path));
      const verdict = safeToDrop(target, ctx.models, changedPaths);
      const excluded = new Set((verdict?.declarations ?? []).map((d) => `${d.path}:${d.line}`));
      // the deployed code already ignores the column: a name read through Active Record would fail today already,
      // so only raw SQL on the table and query arguments can break when it goes
      const reaches = verdict?.deployed ? reachesColumnDespiteIgnore(target) : undefined;
      const found = usagesOf(ctx, target, excluded, reaches);
      // lines that name it through Active Record while the deployed model ignores it: they fail today already, the drop changes nothing for them
      const namedElsewhere = reaches ? found.left : [];
      // only the lines that read this model's: one whose receiver's model the code does not say may be another table's
      // column of the same name (forms-admin: conditions.answer_value beside the dropped condition_translations'), so it
      // is no evidence either way and is not claimed as broken
      const alreadyBroken = ctx.judgeUsages ? ctx.judgeUsages(target, namedElsewhere).filter((u) => u.reference === "refers") : namedElsewhere;
      // whether each can be this table's (usage-reference.ts, read with the grammars by the review); without it, all count
      const all: Array<Usage & { reference: Reference }> = ctx.judgeUsages ? ctx.judgeUsages(target, found.usages) : found.usages.map((u) => ({ ...u, reference: "refers" }));
      const refers = all.filter((u) => u.reference === "refers");
      // the ORM already says the application stopped using it: a name migguard cannot tie to this table is no evidence
      const unsure = verdict ? [] : all.filter((u) => u.reference === "unsure");
      const generic = verdict ? [] : all.filter((u) => u.reference === "generic");
      const truncated = found.truncated;
      const loc = target.op.loc;
      // usages that do not prove the code reads this table: shown with where they are, for a person to check
      const reportDoubtful = (usages: readonly Usage[], severity: "warning" | "info", why: (shown: string) => string, note?: string) => {
        const shown = listed(usages.map((u) => `${u.path}:${u.line}`));
        ctx.report({
          path: target.migration.path,
          line: loc.line,
          endLine: loc.endLine,
          statement: target.op.text,
          severity,
          message: `${describe(target)}; ${why(shown)}. Check that none of them reads ${target.label}.`,
          details: [...(note ? [note] : []), ...usages.map((u) => `${u.path}:${u.line}: ${u.text}`)],
          fix: fixOf(target, [...new Set(usages.map((u) => `${u.path}:${u.line}`))], false, modelsFor(target)),
        });
      };
      if (refers.length === 0 && unsure.length > 0) {
        reportDoubtful(unsure, "warning", (shown) => `application code names ${matchedNames(target, unsure, found.found)} where migguard could not tell whether it is this table's (a receiver or query whose model the code does not say): ${shown}`);
        continue;
      }
      if (refers.length === 0 && unsure.length === 0 && generic.length > 0) {
        // a name every other table and library uses, nowhere near the table: no evidence, but worth a look
        const [accessor, keepers] = [...sharedWith][0] ?? [];
        const [field, fieldKeepers] = [...sharedFields][0] ?? [];
        if (field && fieldKeepers && generic.every((u) => u.text.includes(field)))
          reportDoubtful(
            generic,
            "info",
            (shown) => `${field} is also a field of ${listed(fieldKeepers)}, which stay, and application code names it only on a receiver whose model it does not say, which may be any of them: ${shown}`,
            `Ambiguous: ${listed(fieldKeepers)} declare${fieldKeepers.length === 1 ? "s" : ""} ${field} too, so a use that does not say its model is no evidence that the code reads ${target.label}.`,
          );
        else if (accessor && keepers && generic.every((u) => u.text.includes(accessor)))
          reportDoubtful(generic, "info", (shown) => `${accessor} is also the reverse accessor of ${listed(keepers)}, which stay, and application code names it only on a receiver whose model it does not say, which may be any of them: ${shown}`);
        else reportDoubtful(generic, "info", (shown) => `${matchedNames(target, generic, found.found)} is a name many tables and libraries use, and application code names it only where nothing ties it to ${target.table} (no mention of the table or its model near it): ${shown}`);
        continue;
      }
      const usages = refers;
      if (usages.length === 0) {
        // the model stops reading it in this same change: the deployed code still does, drop-column says so
        // (one hazard, one message). Otherwise the note carries the reason: review.ts lowers drop-column's error
        // on the same statement with it, since the deployed code no longer reads the column
        if (verdict && !verdict.sameChange)
          ctx.report({
            path: target.migration.path,
            line: loc.line,
            endLine: loc.endLine,
            statement: target.op.text,
            severity: "info",
            message:
              `${describe(target)}: safe to drop now: ${verdict.reason}, and no ${verdict.deployed ? `raw SQL on ${target.label.split(".")[0]}` : "application code"} names ${target.column}.` +
              (alreadyBroken.length ? ` Code that names it otherwise (${listed(alreadyBroken.map((u) => `${u.path}:${u.line}`))}) already cannot read it through the model, so the drop breaks nothing that is not broken today.` : ""),
            details: [
              safeDropDetail(verdict.reason, target.column ?? "", verdict.deployed ? `raw SQL on ${target.label.split(".")[0]}` : "application code"),
              ...alreadyBroken.map((u) => `${u.path}:${u.line}: ${u.text} (the deployed model ignores ${target.column}: Active Record cannot read it here today)`),
            ],
            fix: "Nothing to do.",
          });
        continue;
      }
      const locations = usages.map((u) => `${u.path}:${u.line}`);
      // a search cut short knows not how many more there are
      const shown = truncated ? `${locations.slice(0, IN_MESSAGE).join(", ")} and more` : listed(locations);
      const names = matchedNames(target, usages, found.found);
      ctx.report({
        path: target.migration.path,
        line: loc.line,
        endLine: loc.endLine,
        statement: target.op.text,
        message: `${describe(target)} while application code still uses ${names}: ${shown}. Those lines fail once this migration runs${verdict ? ` (${verdict.reason}, but these lines still name it)` : ""}.`,
        details: usages.map((u) => `${u.path}:${u.line}: ${u.text}`),
        fix: fixOf(target, [...new Set(usages.map((u) => `${u.path}:${u.line}`))], true, modelsFor(target)),
      });
    }
  },
});
