/** The Python adapters (Django, Alembic): tree-sitter's Python grammar, plus libpg-query for the SQL they embed. */
import type { FrameworkAdapter } from "../index.js";
import { loadPgParser } from "../sql/index.js";
import { alembicMigration } from "./alembic.js";
import { djangoMigration } from "./django.js";
import { loadPythonParser } from "./parser.js";

const load = async (): Promise<void> => {
  await Promise.all([loadPythonParser(), loadPgParser()]);
};

export const djangoAdapter: FrameworkAdapter = { load, parse: djangoMigration };
export const alembicAdapter: FrameworkAdapter = { load, parse: alembicMigration };
