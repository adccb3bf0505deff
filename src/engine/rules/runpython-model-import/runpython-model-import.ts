import { argumentText } from "../support/python-call.js";
import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { methodsTheHistoricalModelLacks, type LackingMethods } from "./model-methods.js";
import { modelAppLabel, type ModelAppLabel } from "./model-app-label.js";
import { statedLiveModelChoice } from "./stated-choice.js";

/**
 * Why a model name stays today's class: what the historical model apps.get_model() gives lacks (methods, nested
 * classes of its body), and the project functions handed its rows, which were written for today's class.
 */
function whatItLacks(l: LackingMethods, app: string | undefined, fn: string, module: string | undefined): string {
  const through = l.through.length ? ` (through ${l.through.map((t) => `${t}()`).join(", ")})` : "";
  // a class outside the repository (an installed package's model): its module says where today's class is
  const definedBy = l.path ? `that ${l.path} defines on today's class` : `that today's class defines${module ? ` (in ${module}, outside this repository)` : ""}`;
  const members = [
    ...(l.methods.length ? [`the methods ${fn}() calls${through} ${definedBy}: ${l.methods.map((m) => `${m}()`).join(", ")}`] : []),
    ...(l.nestedClasses.length ? [`the nested class${l.nestedClasses.length > 1 ? "es" : ""} ${fn}() reads that ${l.path} defines in today's class: ${l.nestedClasses.map((c) => `${l.name}.${c}`).join(", ")}`] : []),
  ];
  const lacks = members.length ? `${app ? `apps.get_model("${app}", "${l.className}")` : "apps.get_model()"} would give a historical model, which lacks ${members.join("; and ")}.` : "";
  const helpers = l.helpers.length
    ? `${fn}() hands its ${l.className} rows to ${l.helpers.map((h) => `${h}()`).join(", ")}, project code written for today's class: a historical instance lacks its methods and any field added since, which ${l.helpers.length > 1 ? "they" : "it"} may use.`
    : "";
  return [lacks, helpers].filter(Boolean).join(" ");
}

/** django-migration-linter's RUNPYTHON_MODEL_IMPORT: a data migration must use the historical models. */
export default defineRule({
  meta: {
    id: "runpython-model-import",
    databases: ALL_DATABASES,
    category: "history",
    severity: "error",
    title: "RunPython uses the app's current models instead of apps.get_model()",
    why:
      "A migration runs against the schema as it was at that point of history; the model classes imported from the app " +
      "describe today's schema. As soon as a later migration adds or renames a field, this migration fails on every fresh " +
      "database (CI, a new environment, a restore) and on rollback. apps.get_model() gives the model as of this migration.",
    frameworks: ["django"],
  },
  check(ctx) {
    // the app whose migrations/ folder holds this file (shop/migrations/0002_x.py -> shop)
    const parts = ctx.migration.path.split("/");
    const folder = parts[parts.lastIndexOf("migrations") - 1] ?? "app";
    // the app's label, which its folder's name need not be (galaxy_ng/app is `galaxy`)
    const app = ctx.migration.djangoLabel ?? folder;
    for (const { op } of upOps(ctx, "data_migration")) {
      if (!op.importsModelsDirectly) continue;
      const model = op.ormModel;
      if (!model) continue; // the adapter names the first model imported directly whenever it sets importsModelsDirectly
      // the function RunPython runs, read from its call with the Python grammar (forwards when it is not a name)
      const functionName = () => {
        const code = argumentText(op.text, 0, "code");
        return code && /^[A-Za-z_]\w*$/.test(code) ? code : "forwards";
      };
      const labels = new Map((op.directModels ?? []).map((m) => [m.name, modelAppLabel(ctx, folder, m.module)]));
      const labelOf = (name: string): ModelAppLabel => labels.get(name) ?? { label: app };
      // apps.get_model() with the app's label; a label migguard cannot read is said, not guessed
      const getModel = (name: string, className: string, note: string) => {
        const found = labelOf(name);
        const module = op.directModels?.find((m) => m.name === name)?.module;
        const from = "dependency" in found && module ? `; "${found.label}" is the label this migration's dependencies give ${module.replace(/\.models$/, "")}` : "";
        return "label" in found
          ? [`${name} = apps.get_model("${found.label}", "${className}")  # ${note}${from}`]
          : [`# ${name} comes from ${found.unknownApp}, an app whose AppConfig is not in this repository: its app label is unknown to migguard`, `# (the label its own migrations' dependencies name), so write ${name} = apps.get_model(<that label>, "${className}")`];
      };
      // custom methods of today's classes it calls: apps.get_model() alone would fail, they must come with the migration
      const lacking = methodsTheHistoricalModelLacks(ctx, op);
      const needed = lacking.filter((l) => l.methods.length);
      const methodWords = needed.map((l) => `${l.name}'s ${l.methods.map((m) => `${m}()`).join(", ")}`).join("; ");
      // the author says in a comment that the migration uses today's class on purpose: a warning, the hazard stays
      const stated = needed.length ? statedLiveModelChoice(ctx.migration.comments, needed.map((l) => l.name), needed.flatMap((l) => l.methods)) : undefined;
      ctx.report({
        op,
        ...(stated ? { severity: "warning" as const } : {}),
        message:
          `${op.description}: the migration uses today's model classes, so it breaks once those models change (fresh databases, rollbacks).` +
          (needed.length ? ` It calls methods of today's classes that a historical model lacks (${methodWords}): apps.get_model() alone fails on them, so they must be copied into the migration as functions of the historical model.` : "") +
          (stated ? ` Its comment on line ${stated.line} says it uses today's class on purpose (\`${stated.text.length > 100 ? `${stated.text.slice(0, 97)}...` : stated.text}\`): a warning, not an error, since the hazard stays for databases that run it after those models change.` : ""),
        fix: fixFor(ctx.framework, {
          sql: "-- use the model as of this migration",
          django: () => {
            const fn = functionName();
            // the class the name binds (`from shop.models import Order as LiveOrder` asks apps for Order)
            const modelClass = op.directModels?.find((m) => m.name === model)?.className ?? model;
            const module = op.directModels?.find((m) => m.name === model)?.module ?? `${app}.models`;
            if (lacking.length === 0)
              return [
                `def ${fn}(apps, schema_editor):`,
                ...getModel(model, modelClass, `the historical model, not \`from ${module} import ${modelClass}\``).map((l) => `    ${l}`),
                `    ...  # the rest of ${fn}() as written, every model it imports taken from apps.get_model() like this one`,
              ].join("\n");
            // a historical model has the fields and managers, not the methods: swapping blindly breaks every call of one
            const kept = lacking.map((l) => l.name);
            const swappable = (op.directModels ?? []).filter((m) => !kept.includes(m.name));
            const lines = [
              `def ${fn}(apps, schema_editor):`,
              ...swappable.flatMap((m) => getModel(m.name, m.className, "the historical model").map((l) => `    ${l}`)),
              ...lacking.map((l) => {
                const found = labelOf(l.name);
                return `    # ${l.name} stays imported from the app: ${whatItLacks(l, "label" in found ? found.label : undefined, fn, op.directModels?.find((m) => m.name === l.name)?.module)}`;
              }),
              `    # Copy their logic into this migration (functions that take the historical instance${lacking.some((l) => l.nestedClasses.length) ? ", the nested classes' values as constants" : ""}) so it keeps working after the model changes, then take ${kept.join(", ")} from apps.get_model().`,
              `    ...  # the rest of ${fn}() as written`,
            ];
            return lines.join("\n");
          },
        }),
      });
    }
  },
});
