import { run } from "../src/cli/main.js";
const [cwd, path, rule, file] = process.argv.slice(2);
const out = JSON.parse((await run(["lint", "--format", "json", path!], { cwd: cwd! })).output) as { findings: Array<{ rule: string; path: string; line: number; fix: string; message: string }> };
for (const f of out.findings.filter((f) => f.rule === rule && f.path.includes(file!))) console.log(`${f.path}:${f.line}\n${f.message}\n---\n${f.fix}\n=====`);
