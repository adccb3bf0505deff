import { readFileSync } from "node:fs";
import { detectFile } from "/work/wt-h1/src/engine/detect.js";
import { loadPgParser } from "/work/wt-h1/src/engine/adapters/sql/index.js";
import { alembicMigration } from "/work/wt-h1/src/engine/adapters/python/alembic.js";
import { loadPythonParser } from "/work/wt-h1/src/engine/adapters/python/parser.js";

await loadPgParser(); await loadPythonParser();
const path = "alembic/versions/abc123_change.py";
const content = readFileSync(process.argv[2], "utf8");
const file = detectFile(path, content)!;
const m: any = alembicMigration({ file, content } as any);
for (const o of m.up) console.log(o.loc.line, o.kind, o.objectType ?? "", o.names ?? "", o.statement ?? "", JSON.stringify(o.fromType ?? ""), (o.text ?? "").slice(0, 60).replace(/\n/g, " "));
