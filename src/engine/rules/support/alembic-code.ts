/** The application's SQLAlchemy models and the code around them, read once per analysis for the Alembic rules. */
import type { SourceFile } from "../../model.js";
import { mayDeclareSqlAlchemyModels, SqlAlchemyModelIndex } from "../../code/sqlalchemy-models.js";
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";

/** How SQLAlchemy code names a table: nameKey's last part (a model declares no schema). */
export const lastName = (table: string) => nameKey(table).split(".").pop() ?? table;

export interface AlembicCode {
  /** the files that may declare SQLAlchemy models (declarative classes, Table() calls) */
  models: SourceFile[];
  /** the application's code without the revisions and env.py */
  code: SourceFile[];
  /** the model index over `models` */
  read: SqlAlchemyModelIndex;
}

const alembicRead = new WeakMap<readonly SourceFile[], AlembicCode>();

/** The application's SQLAlchemy model files (declarative classes, Table() calls) and the code around them, without migrations. */
export function alembicCode(ctx: RuleContext): AlembicCode {
  // once per analysis (the application code is one array for every migration of a lint); a model file is parsed
  // when a rule asks about what it may declare
  const all = ctx.repository.applicationCode();
  let known = alembicRead.get(all);
  if (!known) {
    // the revisions themselves and env.py map nothing the application runs
    const code = all.filter((f) => !/(?:^|\/)(?:versions|migrations?)\//.test(f.path) && !/(?:^|\/)env\.py$/.test(f.path));
    const models = code.filter(mayDeclareSqlAlchemyModels);
    known = { models, code, read: new SqlAlchemyModelIndex(models, lastName) };
    alembicRead.set(all, known);
  }
  return known;
}
