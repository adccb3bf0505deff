/**
 * Whether the deployed code can insert rows into the table a migration gives a NOT NULL column whose database
 * default is dropped again right after (Django's AddField keeps `default=` in Python only; Rails'
 * change_column_default to nil): those inserts are what fails. Known only when the application code was given: in a
 * review the deployed code is the base branch's (base-branch-code.ts), which runs until the deploy; a file the change
 * adds runs only after it. Outside a review (or without the head's code read whole), the code given with the edited
 * files as the base has them; a lint without code knows nothing.
 */
import type { OperationOf, SourceFile } from "../../model.js";
import { djangoModelsApp, readDjangoModels } from "../../code/django-models.js";
import { djangoRowCreators, type RowCreator } from "../../code/django-row-creators.js";
import { isTestPath } from "../../code/test-paths.js";
import { djangoAppOf } from "../../paths.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { baseBranchCode } from "./base-branch-code.js";
import type { RuleContext } from "./rule.js";

export interface DeployedInserts {
  /** the model's class */
  model: string;
  /** lines of the deployed code that may create its rows (none: no insert can miss the column) */
  creators: RowCreator[];
}

const inMigrations = (path: string) => path.split("/").includes("migrations");
const RUBY_CODE = /\.(?:rb|rake|jbuilder|ru)$/;
/** Ruby that runs on the servers: not db/ (migrations, seeds, dumps), not tests or specs. */
const railsRuns = (path: string) => RUBY_CODE.test(path) && !isTestPath(path) && !path.split("/").includes("db");

/** The deployed code: the base branch's in a review, else the head's given code with the edited files' base versions; undefined when none was read. */
function deployedCode(ctx: RuleContext): SourceFile[] | undefined {
  const base = baseBranchCode(ctx);
  if (base) return [...base];
  if (ctx.codeFiles.length === 0) return undefined;
  const deployed = new Map<string, SourceFile>();
  for (const file of [...ctx.codeFiles, ...ctx.facts.change.baseCodeFiles]) deployed.set(file.path, file);
  return [...deployed.values()];
}

function djangoInserts(ctx: RuleContext, op: OperationOf<"add_column">): DeployedInserts | undefined {
  if (!op.ormModel) return undefined;
  const files = deployedCode(ctx)?.filter((f) => f.path.endsWith(".py") && !isTestPath(f.path) && !inMigrations(f.path));
  if (!files) return undefined;
  const app = djangoAppOf(ctx.migration.path);
  const model = readDjangoModels(files.filter((f) => djangoModelsApp(f.path) === app)).find((m) => !m.abstract && m.className.toLowerCase() === op.ormModel!.toLowerCase());
  if (!model) return undefined;
  const accessors = [...model.reverseAccessors.map((a) => a.name), `${model.className.toLowerCase()}_set`];
  return { model: model.className, creators: djangoRowCreators(model.className, files, accessors) };
}

/** Active Record: the table's model on the deployed code, and every use of it that may create rows (rails-row-creators.ts). */
function railsInserts(ctx: RuleContext, op: OperationOf<"add_column">): DeployedInserts | undefined {
  if (!rubyReadersLoaded()) return undefined;
  const model = ctx.repository.model(op.table);
  const files = deployedCode(ctx)?.filter((f) => railsRuns(f.path));
  const modelFile = model && files?.find((f) => f.path === model.path);
  if (!files || !model || !modelFile) return undefined;
  try {
    return { model: model.className, creators: rubyReaders().railsRowCreators(model.className, op.table, modelFile, files) };
  } catch {
    // a file too deeply nested to read proves nothing
    return undefined;
  }
}

/** The deployed code's row creators of the column's model; undefined when no code was given (a lint) or its model is not found. */
export function deployedInserts(ctx: RuleContext, op: OperationOf<"add_column">): DeployedInserts | undefined {
  if (ctx.framework === "django") return djangoInserts(ctx, op);
  if (ctx.framework === "rails") return railsInserts(ctx, op);
  return undefined;
}
