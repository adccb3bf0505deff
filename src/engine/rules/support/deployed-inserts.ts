/**
 * Whether the deployed code can insert rows into the table a Django AddField gives a NOT NULL column whose
 * default Django keeps in Python only: those inserts are what fails. Known only in a review that was given the
 * application code: the deployed code is the head's, with the files the change edits as the base branch has them.
 */
import type { OperationOf, SourceFile } from "../../model.js";
import { djangoModelsApp, readDjangoModels } from "../../code/django-models.js";
import { djangoRowCreators, type RowCreator } from "../../code/django-row-creators.js";
import { isTestPath } from "../../code/test-paths.js";
import { djangoAppOf } from "../../paths.js";
import type { RuleContext } from "./rule.js";

export interface DeployedInserts {
  /** the model's class */
  model: string;
  /** lines of the deployed code that may create its rows (none: no insert can miss the column) */
  creators: RowCreator[];
}

const inMigrations = (path: string) => path.split("/").includes("migrations");

/** The deployed code's row creators of the column's model; undefined when no code was given (a lint) or its model is not found. */
export function deployedInserts(ctx: RuleContext, op: OperationOf<"add_column">): DeployedInserts | undefined {
  if (ctx.framework !== "django" || ctx.codeFiles.length === 0 || !op.ormModel) return undefined;
  const deployed = new Map<string, SourceFile>();
  for (const file of [...ctx.codeFiles, ...ctx.facts.change.baseCodeFiles]) if (file.path.endsWith(".py") && !isTestPath(file.path) && !inMigrations(file.path)) deployed.set(file.path, file);
  const files = [...deployed.values()];
  const app = djangoAppOf(ctx.migration.path);
  const model = readDjangoModels(files.filter((f) => djangoModelsApp(f.path) === app)).find((m) => !m.abstract && m.className.toLowerCase() === op.ormModel!.toLowerCase());
  if (!model) return undefined;
  const accessors = [...model.reverseAccessors.map((a) => a.name), `${model.className.toLowerCase()}_set`];
  return { model: model.className, creators: djangoRowCreators(model.className, files, accessors) };
}
