import { beforeAll, describe, expect, it } from "@jest/globals";
import { loadPythonParser } from "../adapters/python/parser.js";
import { readExternalTransaction } from "./alembic-external-transaction.js";

beforeAll(() => loadPythonParser());

const env = (before: string) =>
  `from alembic import context\nfrom sqlalchemy import text\n\n\ndef do_run_migrations(connection, schema):\n${before}\n    context.configure(connection=connection)\n    with context.begin_transaction():\n        context.run_migrations()\n`;

describe("env.py: a statement on the connection before context.configure leaves a transaction Alembic did not begin", () => {
  it("onyx's SET search_path after a conditional CREATE SCHEMA: the SET every run executes", () => {
    const text = env(`    if schema != "public":\n        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))\n    connection.execute(text(f'SET search_path TO "{schema}"'))`);
    expect(readExternalTransaction("a/env.py", text)).toEqual({ path: "a/env.py", line: 8, connection: "connection" });
  });

  it("a commit or rollback after the execute, or the execute inside `with connection.begin():`: no transaction is left", () => {
    expect(readExternalTransaction("a/env.py", env(`    connection.execute(text("SET search_path TO s"))\n    connection.commit()`))).toBeUndefined();
    expect(readExternalTransaction("a/env.py", env(`    connection.execute(text("SET search_path TO s"))\n    connection.rollback()`))).toBeUndefined();
    expect(readExternalTransaction("a/env.py", env(`    with connection.begin():\n        connection.execute(text("SET search_path TO s"))`))).toBeUndefined();
  });

  it("statements on another connection, after configure, or in a comment: nothing", () => {
    expect(readExternalTransaction("a/env.py", env(`    other.execute(text("SET search_path TO s"))`))).toBeUndefined();
    expect(readExternalTransaction("a/env.py", env(`    # connection.execute(text("SET search_path TO s"))\n    pass`))).toBeUndefined();
    expect(readExternalTransaction("a/env.py", `from alembic import context\n\n\ndef run(connection):\n    context.configure(connection=connection)\n    connection.execute("SELECT 1")\n`)).toBeUndefined();
  });
});
