// Entry point of the migguard GitHub Action (runs: using: node20). The action runs from its own checkout,
// which holds sources, not node_modules: the first run installs and builds it there (cache the action's
// node_modules with actions/cache to skip that), then hands over to the compiled action.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
if (!existsSync(join(root, "dist", "action", "run.js"))) {
  if (!existsSync(join(root, "node_modules"))) execFileSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  execFileSync(npm, ["run", "build"], { cwd: root, stdio: "inherit" });
}
const { runAction } = await import(join(root, "dist", "action", "run.js"));
try {
  const result = await runAction();
  for (const line of result.log) console.log(line);
  process.exitCode = result.exitCode;
} catch (error) {
  console.log(`::error title=migguard failed::${String(error?.stack ?? error).replace(/%/g, "%25").replace(/\n/g, "%0A")}`);
  process.exitCode = 2;
}
