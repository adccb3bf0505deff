import { readFileSync } from "node:fs";
import { parseRails } from "./src/engine/adapters/rails/test-helpers.js";
for (const f of process.argv.slice(2)) {
  const m = await parseRails(readFileSync(f, "utf8"));
  console.log("==", f, "transactional", m.transactional);
  for (const op of m.up) { const { loc, text, ...rest } = op as any; console.log(" up", loc.line, JSON.stringify(rest)); }
  if (m.down.status === "present") for (const op of m.down.ops) { const { loc, text, ...rest } = op as any; console.log(" down", loc.line, JSON.stringify(rest)); } else console.log(" down", m.down.status);
}
