/**
 * What a change drops or renames, from the model: each dropped/renamed column or table of a table that
 * existed before the migration, with the identifiers application code would use for it.
 */
import type { Framework, Migration, Operation } from "../model.js";
import { modelName } from "../rules/support/fix.js";
import { computeFacts } from "../rules/support/facts.js";
import { ChangePlan } from "../rules/support/change-plan.js";
import { isPrimaryFile } from "../review/classify.js";
import type { ChangedMigration } from "../review/review-rule.js";

export type UsageTargetKind = "drop_column" | "rename_column" | "drop_table" | "rename_table";

export interface UsageTarget {
  migration: Migration;
  op: Operation;
  kind: UsageTargetKind;
  /** table as written in the migration */
  table: string;
  column?: string;
  newName?: string;
  /** the ORM names behind table/column (Django model and field) */
  ormModel?: string;
  ormField?: string;
  /** words searched in the code for it */
  identifiers: string[];
  /** a removed many-to-many field's reverse accessor (`related_name`), one of the identifiers */
  reverseAccessor?: string;
  /**
   * identifiers that relations the code keeps name too (the related_name other fields declare as well): a use
   * on a receiver whose model the code does not say is no evidence for this one (set by the review from the code)
   */
  sharedWith?: ReadonlyMap<string, readonly string[]>;
  /** `users.phone_number` / `users`, for messages */
  label: string;
}

const unqualified = (name: string) => (name.split(".").pop() ?? name).replace(/"/g, "");

function tableIdentifiers(table: string, framework: Framework, ormModel: string | undefined, dropped: boolean): string[] {
  const ids = [unqualified(table)];
  // a dropped table's model class is a usage too (Active Record's User for users, Django's model class)
  if (dropped && framework === "rails") ids.push(modelName(table));
  if (dropped && ormModel && /^[A-Z]/.test(ormModel)) ids.push(ormModel);
  return [...new Set(ids)];
}

/** `related_name="dependent_flows"` of the field's definition: the reverse accessor (`"+"` names none). */
const relatedName = (fieldDef: string | undefined): string[] => {
  const match = fieldDef && /\brelated_name\s*=\s*(["'])([A-Za-z_]\w*)\1/.exec(fieldDef);
  return match ? [match[2]] : [];
};

/** The join table of a removed many-to-many field: the table, the field, and its reverse accessor when it names one. */
const joinTableIdentifiers = (table: string, field: string, fieldDef: string | undefined): string[] => [...new Set([unqualified(table), field, ...relatedName(fieldDef)])];

/**
 * A Rails reference column's association (`claim_window` for claim_window_id): `belongs_to :claim_window` reads the
 * column, so a query on the model or a record of it naming the association (`Eligibility.find_or_create_by!(claim_window:)`,
 * itt-mentor-services' onboarding job) uses it. Counted only where it refers to the model (usage-reference.ts).
 */
export const railsAssociation = (framework: Framework, kind: Operation["kind"], column: string): string[] => {
  const association = /^(\w+)_id$/.exec(unqualified(column))?.[1];
  return framework === "rails" && kind === "drop_column" && association ? [association] : [];
};

export function usageTargets(migrations: readonly Migration[], change: ChangePlan = ChangePlan.none): UsageTarget[] {
  const out: UsageTarget[] = [];
  for (const migration of migrations) {
    const facts = computeFacts(migration, change);
    migration.up.forEach((op, index) => {
      const existing = (table: string) => !facts.isNewTable(table, index);
      switch (op.kind) {
        case "drop_column":
        case "rename_column":
          if (!existing(op.table)) return;
          // a swap's steps (the replacement takes the dropped column's name; a column the change added renamed), and a
          // column whose values a data step of the change moved: the change moved the code with them, and the names code
          // still uses are the new home's (drop-column warns that servers on the old code fail until they restart)
          if (op.kind === "drop_column" && (facts.change.isReplacedDrop(migration, index) || facts.change.movedBefore(migration, index))) return;
          if (op.kind === "rename_column" && facts.change.renamesAddedColumn(migration, index)) return;
          // a later step of the change adds a column code reaches by the same name: the name lives on, on the new column
          if (facts.change.addsNameLater(migration, index, op.table, [op.column, op.ormField])) return;
          out.push({
            migration,
            op,
            kind: op.kind,
            table: op.table,
            column: op.column,
            newName: op.kind === "rename_column" ? op.newName : undefined,
            ormModel: op.ormModel,
            ormField: op.ormField,
            identifiers: [...new Set([unqualified(op.column), ...(op.ormField ? [op.ormField] : []), ...railsAssociation(migration.framework, op.kind, op.column)])],
            label: `${unqualified(op.table)}.${op.column}`,
          });
          return;
        case "drop_table":
          if (facts.change.movedBefore(migration, index)) return;
          // a later step of the change creates the table again: code that names it uses that one once the change has run
          for (const table of op.tables.filter((t) => existing(t) && !facts.change.createsTableLater(migration, index, t)))
            out.push({
              migration,
              op,
              kind: "drop_table",
              table,
              ormModel: op.ormModel,
              ...(op.ormField ? { ormField: op.ormField } : {}),
              // a many-to-many RemoveField drops the field's join table while its model stays: code reaches that table
              // through the field (and its reverse accessor), so those are its uses, not the owning model's name
              identifiers: op.ormField ? joinTableIdentifiers(table, op.ormField, op.ormFieldDef) : tableIdentifiers(table, migration.framework, op.ormModel, true),
              ...(op.ormField && relatedName(op.ormFieldDef).length ? { reverseAccessor: relatedName(op.ormFieldDef)[0] } : {}),
              label: unqualified(table),
            });
          return;
        case "rename_table":
          // a later step of the change creates a table under the old name: code that names it uses that one
          if (!existing(op.table) || facts.change.createsTableLater(migration, index, op.table)) return;
          out.push({
            migration,
            op,
            kind: "rename_table",
            table: op.table,
            newName: op.newName,
            ormModel: op.ormModel,
            identifiers: tableIdentifiers(op.table, migration.framework, op.ormModel, false),
            label: unqualified(op.table),
          });
          return;
        default:
          return;
      }
    });
  }
  return out;
}

/**
 * The targets of a change's migrations (their primary files at head). An edited merged migration contributes
 * only the operations the edit touched: the drops it already made ran in production long ago (a rubocop or
 * frozen-string edit of a 2008 migration is not a drop of its columns today).
 */
export function changedTargets(migrations: readonly ChangedMigration[], change: ChangePlan = ChangePlan.none): UsageTarget[] {
  const heads = new Set(migrations.flatMap((m) => (m.head && isPrimaryFile(m.file) && m.change.status !== "removed" ? [m.head] : [])));
  const edits = new Map(migrations.flatMap((m) => (m.edit && m.head ? [[m.head, m.edit] as const] : [])));
  return usageTargets([...heads], change).filter((target) => {
    const edit = edits.get(target.migration);
    return !edit || edit.changedOps.some((loc) => loc.line <= target.op.loc.endLine && target.op.loc.line <= loc.endLine);
  });
}
