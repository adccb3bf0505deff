/** The names op.create_table's constraints and indexes get from env.py's target_metadata naming_convention. */
import { conventionalName, DEFAULT_CONVENTION, namingConventionFor } from "./alembic-naming-convention.js";
import { loadPythonParser } from "./parser.js";
import { projectModulesFor } from "./project-modules.js";

beforeAll(() => loadPythonParser());

const env = (body: string) => ({ path: "alembic/env.py", content: `from alembic import context\n${body}\ncontext.configure(url="postgresql://localhost/app", target_metadata=target_metadata)\n` });

describe("namingConventionFor", () => {
  it("reads a MetaData(naming_convention=...) of env.py itself, and one behind X.metadata of a declarative_base in the project", () => {
    const own = namingConventionFor(env(`import sqlalchemy as sa\nconvention = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}\ntarget_metadata = sa.MetaData(naming_convention=convention)`), undefined);
    expect(conventionalName(own, "uq", "tag", ["tag_key", "source"])).toEqual({ name: "uq_tag_tag_key_source" });
    const files: Record<string, string> = {
      "app/__init__.py": "",
      "app/db.py": `from sqlalchemy import MetaData\nfrom sqlalchemy.orm import declarative_base\nBase = declarative_base(metadata=MetaData(naming_convention={"ix": "idx_%(table_name)s_%(column_0_name)s"}))\n`,
    };
    const modules = projectModulesFor((path) => files[path]);
    const project = namingConventionFor(env(`from app.db import Base\ntarget_metadata = Base.metadata`), modules);
    expect(conventionalName(project, "ix", "tag", ["source"])).toEqual({ name: "idx_tag_source" });
    // no uq template: PostgreSQL names an unnamed UNIQUE itself
    expect(conventionalName(project, "uq", "tag", ["source"])).toEqual({ name: undefined });
  });

  it("is SQLAlchemy's default without target_metadata, with None or a list of MetaData (no naming_convention attribute)", () => {
    for (const body of ["target_metadata = None", "from app.db import A, B\ntarget_metadata = [A.metadata, B.metadata]"]) {
      const convention = namingConventionFor(env(body), undefined);
      expect(convention).toEqual(DEFAULT_CONVENTION);
      expect(conventionalName(convention, "ix", "app.tag", ["source"])).toEqual({ name: "ix_app_tag_source" });
    }
    expect(namingConventionFor(undefined, undefined)).toEqual(DEFAULT_CONVENTION);
  });

  it("is SQLAlchemy's default for SQLModel.metadata, unless a module env.py imports gives it a naming convention", () => {
    const sqlmodelEnv = env(`import sqlmodel\nfrom app import models  # noqa: F401\ntarget_metadata = sqlmodel.SQLModel.metadata`);
    const files = (models: string): Record<string, string> => ({ "app/__init__.py": "", "app/models.py": models });
    const plain = files("from sqlmodel import SQLModel\n\n\nclass Tag(SQLModel, table=True):\n    id: int\n");
    expect(namingConventionFor(sqlmodelEnv, projectModulesFor((path) => plain[path]))).toEqual(DEFAULT_CONVENTION);
    for (const set of ['SQLModel.metadata.naming_convention = {"uq": "uq_%(table_name)s"}', "SQLModel.metadata = MetaData(naming_convention=CONVENTION)"]) {
      const changed = files(`from sqlalchemy import MetaData\nfrom sqlmodel import SQLModel\nCONVENTION = {"uq": "uq_%(table_name)s"}\n${set}\n`);
      expect(namingConventionFor(sqlmodelEnv, projectModulesFor((path) => changed[path]))).toEqual({ unknown: "app/models.py sets the naming convention of SQLModel.metadata" });
    }
  });

  it("leaves names unknown where target_metadata is not followed (a declarative class), a token is not filled, or SQLAlchemy would shorten the name", () => {
    const models: Record<string, string> = {
      "app/__init__.py": "",
      "app/models.py": `from sqlalchemy import MetaData\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    metadata = MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})\n`,
    };
    const unread = namingConventionFor(env(`from app.models import Base\ntarget_metadata = Base.metadata`), projectModulesFor((path) => models[path]));
    expect(conventionalName(unread, "uq", "tag", ["slug"])).toHaveProperty("unknown");
    const convention = { templates: new Map([["uq", "uq_%(table_name)s_%(constraint_name)s"], ["ix", "ix_%(referred_table_name)s"]]) };
    expect(conventionalName(convention, "uq", "tag", ["slug"], "slug_once")).toEqual({ name: "uq_tag_slug_once" });
    expect(conventionalName(convention, "uq", "tag", ["slug"])).toHaveProperty("unknown");
    expect(conventionalName(convention, "ix", "tag", ["slug"])).toHaveProperty("unknown");
    expect(conventionalName(DEFAULT_CONVENTION, "ix", "t".repeat(60), ["slug"])).toHaveProperty("unknown");
    // a written name without %(constraint_name)s in its template stays as written
    expect(conventionalName(DEFAULT_CONVENTION, "uq", "tag", ["slug"], "tag_slug_once")).toEqual({ name: "tag_slug_once" });
  });
});
