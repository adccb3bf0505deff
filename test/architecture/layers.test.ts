/**
 * Data flows downward only: the webhook edge (src/github) starts a review through the queue or the review
 * service; the queue's workers call the review service; the review service calls the GitHub API layer,
 * the engine, the executor and the report. Each folder of src/ may import only the folders listed below
 * it here; imports are read with TypeScript's own pre-processor (type-only imports count too).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import ts from "typescript";

const SRC = resolve("src");

/** folder -> the folders it may import */
const MAY_IMPORT: Record<string, readonly string[]> = {
  types: [],
  engine: ["types"],
  execute: ["engine", "types"],
  report: ["engine", "execute", "types"],
  ops: ["types"],
  "github-api": ["engine", "report", "types"],
  review: ["github-api", "engine", "execute", "report", "ops", "types"],
  queue: ["review", "github-api", "engine", "execute", "report", "ops", "types"],
  github: ["queue", "review", "github-api", "engine", "execute", "report", "ops", "types"],
  worker: ["queue", "review", "github-api", "engine", "execute", "report", "ops", "types"],
  cli: ["engine", "execute", "report", "types"],
  action: ["cli", "engine", "execute", "report", "types"],
};

const isTest = (path: string) => path.endsWith(".test.ts") || path.includes("/__tests__/");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") && !isTest(path) ? [path] : [];
  });

const folderOf = (path: string) => relative(SRC, path).split("/")[0];

/** every relative import of src/, as "file -> imported folder" */
function crossings(): Array<{ file: string; from: string; to: string; target: string }> {
  const found: Array<{ file: string; from: string; to: string; target: string }> = [];
  for (const file of sources(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const from = folderOf(file);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const target = resolve(dirname(file), fileName);
      const to = folderOf(target);
      if (to !== from) found.push({ file: relative(SRC, file), from, to, target: relative(SRC, target) });
    }
  }
  return found;
}

describe("layers of src/", () => {
  const all = crossings();

  it("every folder of src/ has its place", () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it("nothing imports from a layer above it", () => {
    const upward = all.filter(({ from, to }) => !MAY_IMPORT[from]?.includes(to)).map(({ file, to }) => `${file} imports src/${to}`);
    expect(upward).toEqual([]);
  });

  it("the webhook edge and the queue's workers start a review through the same entry of the review service", () => {
    const callers = all.filter((c) => c.target === "review/run-review.js").map((c) => c.file);
    expect(callers).toEqual(expect.arrayContaining(["github/app-services.ts", "queue/review-worker.ts"]));
  });
});
