/**
 * The GitHub Action as a runner runs it: `uses: <owner>/migguard@<ref>` checks the repository out (no
 * node_modules, nothing built) and runs action.yml's `runs.main` with node. On a pull request that adds an
 * index without CONCURRENTLY it must annotate, write SARIF and the step outputs, and fail the step, without
 * installing or writing anything in its own checkout.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { consumerRepo, DANGEROUS, freshClone, git, outputOf, runAsUser } from "./support/checkout.js";

it("runs from a fresh clone: annotations, SARIF, outputs, exit code 1, nothing installed", () => {
  const action = freshClone();
  const { root, base } = consumerRepo();
  const outputs = join(root, "..", `outputs-${Date.now()}`);
  const summary = `${outputs}.summary`;
  const event = `${outputs}.event.json`;
  writeFileSync(outputs, "");
  writeFileSync(summary, "");
  writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { sha: base } } }));

  const manifest = parse(readFileSync(join(action, "action.yml"), "utf8")) as { runs: { using: string; main: string } };
  expect(manifest.runs.using).toMatch(/^node\d+$/);
  const run = runAsUser(process.execPath, [join(action, manifest.runs.main)], {
    cwd: root,
    env: {
      GITHUB_WORKSPACE: root,
      GITHUB_EVENT_PATH: event,
      GITHUB_OUTPUT: outputs,
      GITHUB_STEP_SUMMARY: summary,
      "INPUT_SARIF-FILE": "migguard.sarif",
      "INPUT_FAIL-ON": "error",
    },
  });
  const log = outputOf(run);
  expect({ status: run.status, log }).toEqual({ status: 1, log: expect.stringContaining(`::error file=${DANGEROUS},line=1,endLine=1,title=migguard index-without-concurrently::`) });

  const sarif = JSON.parse(readFileSync(join(root, "migguard.sarif"), "utf8"));
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, "..", "schemas", "sarif-2.1.0.json"), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("index-without-concurrently");

  const stepOutputs = readFileSync(outputs, "utf8");
  expect(stepOutputs).toMatch(/^errors=[1-9]\d*$/m);
  expect(stepOutputs).toMatch(/^warnings=\d+$/m);
  expect(stepOutputs).toContain("sarif-file=migguard.sarif\n");
  expect(readFileSync(summary, "utf8")).toContain(`\`${DANGEROUS}:1\``);

  // the checkout is left as it came: no install, no build output
  expect(existsSync(join(action, "node_modules"))).toBe(false);
  expect(git(action, "status", "--porcelain", "--ignored")).toBe("");
}, 120_000);
