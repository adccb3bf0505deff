/**
 * The ORM's view of a dropped column: a Rails model that lists it in `ignored_columns`, or a Django model
 * that no longer declares the field, means the application stopped reading it: "safe to drop now".
 * Reading the models (Prism, tree-sitter) is read-code-models.ts: the rules that import this module sit in
 * the rule catalogue, which a SQL lint loads without any Ruby or Python parser.
 */
import { nameKey } from "../rules/support/facts.js";
import { djangoAppOf } from "../paths.js";
import { djangoTable, type DjangoModel } from "./django-models.js";
import { withAncestors } from "./django-model-ancestors.js";
import type { RailsModel } from "./rails-models.js";
import type { UsageTarget } from "./usage-targets.js";

export interface CodeModels {
  rails: RailsModel[];
  /** Active Record models as the base branch has them (the change's edited app/models files): what servers run today */
  baseRails?: RailsModel[];
  django: DjangoModel[];
}

export interface DropVerdict {
  /** why the ORM no longer uses the column */
  reason: string;
  /** lines that name the column only to ignore it (not usages) */
  declarations: Array<{ path: string; line: number }>;
  /**
   * the deployed code (the base branch) already ignores the column: Active Record on running servers no longer
   * knows it, so only raw SQL on the table can still read it
   */
  deployed?: boolean;
  /**
   * the evidence ships with the drop: the change itself edits the model file that stops declaring (or starts
   * ignoring) the column, so servers still running the deployed code read it until they restart (drop-column's
   * hazard stands, nothing is "safe to drop now")
   */
  sameChange?: boolean;
}

const sameTable = (a: string, b: string) => nameKey(a).split(".").pop() === nameKey(b).split(".").pop();

/** The ORM already stopped using this dropped column; undefined when it still does or nothing tells. */
export function safeToDrop(target: UsageTarget, models: CodeModels | undefined, changedPaths: ReadonlySet<string> = new Set()): DropVerdict | undefined {
  if (!models || target.kind !== "drop_column" || !target.column) return undefined;
  const column = target.column;
  // the base branch's model already ignores it: the deployed code does, whatever the change does to the file
  const ignoredInBase = (models.baseRails ?? []).some((m) => m.tables.some((table) => sameTable(table, target.table)) && m.ignoredColumns.some((c) => c.name === column));
  if (target.migration.framework === "rails" || target.migration.framework === "sql") {
    for (const model of models.rails) {
      if (!model.tables.some((table) => sameTable(table, target.table))) continue;
      const ignored = model.ignoredColumns.filter((c) => c.name === column);
      if (ignored.length)
        return {
          reason: `${model.className} lists it in ignored_columns (${model.path}:${ignored[0].line}), so Active Record no longer reads it`,
          declarations: ignored.map((c) => ({ path: model.path, line: c.line })),
          sameChange: changedPaths.has(model.path) && !ignoredInBase,
          // ignored on the base branch too (or the change leaves the model alone): the running servers' Active Record already cannot read it
          ...(ignoredInBase || !changedPaths.has(model.path) ? { deployed: true } : {}),
        };
    }
    // the change may empty ignored_columns together with the drop (rubygems): the base branch's list is what runs
    for (const model of models.baseRails ?? []) {
      if (!model.tables.some((table) => sameTable(table, target.table))) continue;
      const ignored = model.ignoredColumns.find((c) => c.name === column);
      if (ignored)
        return {
          reason: `on the base branch ${model.className} lists it in ignored_columns (${model.path}:${ignored.line}), so the deployed code no longer reads it through Active Record`,
          declarations: [],
          deployed: true,
        };
    }
  }
  if (target.migration.framework === "django") {
    const app = djangoAppOf(target.migration.path);
    const model = models.django.find(
      (m) =>
        !m.abstract &&
        (sameTable(djangoTable(m), target.table) || (m.appLabel === app && target.ormModel !== undefined && m.className.toLowerCase() === target.ormModel.toLowerCase())),
    );
    const field = target.ormField ?? column;
    // an abstract parent or mixin may declare the field for it; the change editing one of their files may take the
    // field out there, which servers running the base branch still select (takahe's StatorModel and state_ready)
    const lineage = model ? withAncestors(model, models.django) : [];
    if (model && !lineage.some((m) => m.fields.some((f) => f.column === column || f.name === field)))
      return { reason: `the ${model.className} model (${model.path}) no longer declares ${field}, so Django no longer reads it`, declarations: [], sameChange: lineage.some((m) => changedPaths.has(m.path)) };
  }
  return undefined;
}

/**
 * The removed many-to-many field's reverse accessor, when other relations the code keeps declare the same
 * related_name (rapidpro's Flow: ten `*_dependencies` fields, all `related_name="dependent_flows"`): the
 * accessor and the `Model.field`s that keep it. A `self.dependent_flows` in a mixin then reads one of those.
 */
export function sharedReverseAccessor(target: UsageTarget, models: CodeModels | undefined): Map<string, string[]> {
  const accessor = target.reverseAccessor;
  if (!models || !accessor || target.kind !== "drop_table") return new Map();
  const sameField = (model: DjangoModel, field: string) => model.className.toLowerCase() === target.ormModel?.toLowerCase() && field === target.ormField;
  const keepers = models.django.flatMap((m) => m.reverseAccessors.filter((a) => a.name === accessor && !sameField(m, a.field)).map((a) => `${m.className}.${a.field}`));
  return keepers.length ? new Map([[accessor, keepers]]) : new Map();
}

/**
 * A dropped Django field's name that other models keep declaring (treeherder's Repository.branch, while
 * RepositoryBranch.branch stays): `x.branch` on a receiver whose model the code does not say reads one of those
 * as well as this one, so it is no evidence on its own. The name and the `Model.field`s that keep it.
 */
export function sharedFieldName(target: UsageTarget, models: CodeModels | undefined): Map<string, string[]> {
  if (!models || target.migration.framework !== "django" || (target.kind !== "drop_column" && target.kind !== "rename_column")) return new Map();
  const field = target.ormField ?? target.column;
  if (!field) return new Map();
  const app = djangoAppOf(target.migration.path);
  const isTarget = (model: DjangoModel) =>
    sameTable(djangoTable(model), target.table) || (model.appLabel === app && model.className.toLowerCase() === target.ormModel?.toLowerCase());
  const keepers = models.django.filter((m) => !m.abstract && !isTarget(m) && m.fields.some((f) => f.name === field)).map((m) => `${m.className}.${field}`);
  return keepers.length ? new Map([[field, keepers]]) : new Map();
}

/**
 * The names of a Django drop that the final model state (the code's models) still defines, so that code naming
 * them reads something that stays: a dropped field's name that is now the reverse accessor of a relation to its
 * model (joanie 0087: BatchOrder.contract removed, Contract.batch_order a OneToOneField, so `batch_order.contract`
 * reads the contract still), and a deleted model's class that the code declares again on another table (joanie
 * 0069 deletes OfferingRule, 0070 creates it again as joanie_offeringrule). The table's and column's own names are
 * never among them: raw SQL on them fails all the same.
 */
export function stillDefinedNames(target: UsageTarget, models: CodeModels | undefined): Set<string> {
  const out = new Set<string>();
  if (!models || target.migration.framework !== "django" || !target.ormModel) return out;
  const app = djangoAppOf(target.migration.path);
  const model = target.ormModel.toLowerCase();
  if (target.kind === "drop_column" && target.ormField && target.ormField !== target.column) {
    const field = target.ormField;
    // a relation of any app's model to this app's model whose reverse accessor is the dropped field's name
    const reaches = models.django.some((m) => !m.abstract && m.relations.some((r) => r.target.toLowerCase() === model && r.reverseName === field));
    const sameModel = models.django.filter((m) => m.appLabel === app && m.className.toLowerCase() === model);
    // the model must still be there, and must not declare the name as a field again (that is the field's own case)
    if (reaches && sameModel.length === 1 && !sameModel[0].fields.some((f) => f.name === field)) out.add(field);
  }
  if (target.kind === "drop_table" && !target.ormField) {
    const again = models.django.filter((m) => !m.abstract && m.appLabel === app && m.className.toLowerCase() === model);
    if (again.length === 1 && !sameTable(djangoTable(again[0]), target.table)) out.add(again[0].className);
  }
  return out;
}
