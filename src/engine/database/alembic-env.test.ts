import { beforeAll, describe, expect, it } from "@jest/globals";
import { loadPythonParser } from "../adapters/python/parser.js";
import { readAlembicTransactions } from "./alembic-env.js";

beforeAll(() => loadPythonParser());

const env = (configure: string) => `from alembic import context\n\n\ndef run_migrations_online():\n    ${configure}\n    with context.begin_transaction():\n        context.run_migrations()\n`;

describe("env.py: do the revisions of one upgrade share a transaction", () => {
  it("context.configure without transaction_per_migration: one transaction (Alembic's default)", () => {
    expect(readAlembicTransactions("a/env.py", env("context.configure(connection=connection, target_metadata=target_metadata)"))).toEqual({ path: "a/env.py", shared: true, targetMetadata: "target_metadata" });
  });

  it("isolation_level=\"AUTOCOMMIT\" given to the connection before configure (privacyidea's): no revision runs in a transaction; one after it, or in another function, says nothing", () => {
    const text = env('connection = connection.execution_options(isolation_level="AUTOCOMMIT")\n    context.configure(connection=connection)');
    expect(readAlembicTransactions("a/env.py", text)?.autocommit).toEqual({ path: "a/env.py", line: 5 });
    const after = env('context.configure(connection=connection)\n    other = connection.execution_options(isolation_level="AUTOCOMMIT")');
    expect(readAlembicTransactions("a/env.py", after)?.autocommit).toBeUndefined();
    const elsewhere = `def reindex(engine):\n    engine.connect().execution_options(isolation_level="AUTOCOMMIT")\n\n\n${env("context.configure(connection=connection)")}`;
    expect(readAlembicTransactions("a/env.py", elsewhere)?.autocommit).toBeUndefined();
  });

  it("target_metadata = None (Alembic's generic template): no metadata, so no naming_convention renames a constraint", () => {
    expect(readAlembicTransactions("a/env.py", `target_metadata = None\n${env("context.configure(connection=connection, target_metadata=target_metadata)")}`)).toEqual({ path: "a/env.py", shared: true });
  });

  it("transaction_per_migration=True in the online configure: each revision commits on its own", () => {
    const text = `${env("context.configure(connection=connection, transaction_per_migration=True)")}\n\ndef run_migrations_offline():\n    context.configure(url=url)\n`;
    expect(readAlembicTransactions("a/env.py", text)).toEqual({ path: "a/env.py", shared: false });
  });

  it("a **kwargs that may carry the flag is named (Flask-Migrate's configure_args)", () => {
    expect(readAlembicTransactions("a/env.py", env('context.configure(connection=connection, **current_app.extensions["migrate"].configure_args)'))?.splat).toBe(
      '**current_app.extensions["migrate"].configure_args',
    );
  });

  it("a computed flag, or no configure call at all: unknown", () => {
    expect(readAlembicTransactions("a/env.py", env("context.configure(connection=connection, transaction_per_migration=settings.PER_REVISION)"))).toEqual({ path: "a/env.py", shared: undefined });
    expect(readAlembicTransactions("a/env.py", "from myapp import run\nrun()\n")).toBeUndefined();
  });

  it("the word in a comment or a string is not the keyword", () => {
    expect(readAlembicTransactions("a/env.py", `# transaction_per_migration=True\n${env('context.configure(connection=connection, x="transaction_per_migration=True")')}`)?.shared).toBe(true);
  });
});

const before = (statements: string, configure = "context.configure(connection=connection)", header = "from alembic import context") =>
  `${header}\nfrom sqlalchemy import text\n\n\ndef do_run_migrations(connection, schema):\n${statements}\n    ${configure}\n    with context.begin_transaction():\n        context.run_migrations()\n`;
const external = (text: string) => readAlembicTransactions("a/env.py", text)?.external;

describe("env.py: a statement on the connection before context.configure leaves a transaction Alembic did not begin", () => {
  const onyx = `    if schema != "public":\n        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))\n    connection.execute(text(f'SET search_path TO "{schema}"'))`;

  it("onyx's SET search_path after a conditional CREATE SCHEMA: the SET every run executes", () => {
    expect(readAlembicTransactions("a/env.py", before(onyx))).toEqual({ path: "a/env.py", shared: true, external: { path: "a/env.py", line: 8, connection: "connection" } });
  });

  it("whatever transaction_per_migration says (Alembic takes any transaction the connection is in as external), and the connection given first", () => {
    expect(external(before(onyx, "context.configure(connection=connection, transaction_per_migration=True)"))).toEqual({ path: "a/env.py", line: 8, connection: "connection" });
    expect(external(before(onyx, "context.configure(connection=connection, transaction_per_migration=settings.PER_REVISION)"))?.line).toBe(8);
    expect(external(before(onyx, "context.configure(connection, target_metadata=None)"))?.line).toBe(8);
  });

  it("Alembic's context imported under another name is read through the imports, as the transaction flag is", () => {
    const text = before(onyx, "migration_context.configure(connection=connection)", "from alembic import context as migration_context");
    expect(external(text)).toEqual({ path: "a/env.py", line: 8, connection: "connection" });
  });

  it("a commit or rollback after the execute, or the execute inside `with connection.begin():`: no transaction is left", () => {
    expect(external(before(`    connection.execute(text("SET search_path TO s"))\n    connection.commit()`))).toBeUndefined();
    expect(external(before(`    connection.execute(text("SET search_path TO s"))\n    connection.rollback()`))).toBeUndefined();
    expect(external(before(`    with connection.begin():\n        connection.execute(text("SET search_path TO s"))`))).toBeUndefined();
  });

  it("statements on another connection, after configure, or in a comment: nothing", () => {
    expect(external(before(`    other.execute(text("SET search_path TO s"))`))).toBeUndefined();
    expect(external(before(`    # connection.execute(text("SET search_path TO s"))\n    pass`))).toBeUndefined();
    expect(external(`from alembic import context\n\n\ndef run(connection):\n    context.configure(connection=connection)\n    connection.execute("SELECT 1")\n`)).toBeUndefined();
  });
});

describe("env.py: an engine created with future=True", () => {
  it("create_engine / engine_from_config given future=True: 2.0's Connection on 1.4; future=False or none says nothing", () => {
    const withEngine = (factory: string) => `from alembic import context\nfrom sqlalchemy import create_engine, engine_from_config\n\n\ndef run_migrations_online():\n    engine = ${factory}\n    with engine.connect() as connection:\n        context.configure(connection=connection)\n`;
    expect(readAlembicTransactions("a/env.py", withEngine('create_engine("postgresql://", future=True)'))?.futureEngine).toBe(true);
    expect(readAlembicTransactions("a/env.py", withEngine('engine_from_config(config, prefix="sqlalchemy.", future=True)'))?.futureEngine).toBe(true);
    expect(readAlembicTransactions("a/env.py", withEngine('create_engine("postgresql://", future=False)'))?.futureEngine).toBeUndefined();
    expect(readAlembicTransactions("a/env.py", withEngine('create_engine("postgresql://")'))?.futureEngine).toBeUndefined();
  });
});

describe("env.py: a begin() of its own holds the upgrade's transaction (funnel's conn.begin())", () => {
  const funnel = `from alembic import context\n\n\ndef run_migrations_online():\n    engines = {"": {"engine": engine}}\n    for rec in engines.values():\n        rec["connection"] = conn = rec["engine"].connect()\n        if USE_TWOPHASE:\n            rec["transaction"] = conn.begin_twophase()\n        else:\n            rec["transaction"] = conn.begin()\n    rec = next(iter(engines.values()))\n    context.configure(connection=rec["connection"])\n    context.run_migrations()\n    rec["transaction"].commit()\n`;

  it("a begin() before configure in its function, whatever the connection is written as: the last one is named", () => {
    expect(external(funnel)).toEqual({ path: "a/env.py", line: 11, connection: 'rec["connection"]', begun: "conn.begin()" });
  });

  it("a `with X.begin() as connection:` around configure begins it too; one closed before configure, or Alembic's begin_transaction(), does not", () => {
    const around = `from alembic import context\n\n\ndef run(engine):\n    with engine.begin() as connection:\n        context.configure(connection=connection)\n        context.run_migrations()\n`;
    expect(external(around)).toEqual({ path: "a/env.py", line: 5, connection: "connection", begun: "engine.begin()" });
    const closed = `from alembic import context\n\n\ndef run(engine):\n    with engine.begin() as c:\n        c.execute("CREATE SCHEMA IF NOT EXISTS s")\n    with engine.connect() as connection:\n        context.configure(connection=connection)\n        with context.begin_transaction():\n            context.run_migrations()\n`;
    expect(external(closed)).toBeUndefined();
  });
});
