import { beforeAll, describe, expect, it } from "@jest/globals";
import { loadPythonParser } from "../adapters/python/parser.js";
import { readAlembicTransactions } from "./alembic-env.js";

beforeAll(() => loadPythonParser());

const env = (configure: string) => `from alembic import context\n\n\ndef run_migrations_online():\n    ${configure}\n    with context.begin_transaction():\n        context.run_migrations()\n`;

describe("env.py: do the revisions of one upgrade share a transaction", () => {
  it("context.configure without transaction_per_migration: one transaction (Alembic's default)", () => {
    expect(readAlembicTransactions("a/env.py", env("context.configure(connection=connection, target_metadata=target_metadata)"))).toEqual({ path: "a/env.py", shared: true, targetMetadata: "target_metadata" });
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
    expect(readAlembicTransactions("a/env.py", env("context.configure(connection=connection, transaction_per_migration=settings.PER_REVISION)"))).toBeUndefined();
    expect(readAlembicTransactions("a/env.py", "from myapp import run\nrun()\n")).toBeUndefined();
  });

  it("the word in a comment or a string is not the keyword", () => {
    expect(readAlembicTransactions("a/env.py", `# transaction_per_migration=True\n${env('context.configure(connection=connection, x="transaction_per_migration=True")')}`)?.shared).toBe(true);
  });
});
