/**
 * `npm run bench`: every speed figure the issues ask for, in one run.
 * Sections load lazily so one that cannot run here (no Redis, say) reports why instead of stopping the rest.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { benchEngine } from "./bench-engine.js";

const corpus = process.env.MIGGUARD_BENCH_CORPUS ?? join(import.meta.dirname, "..", "..", "shared", "corpus", "bench");
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

interface Section {
  name: string;
  run: () => Promise<string[]>;
}

const sections: Section[] = [
  {
    name: "cli",
    run: async () => {
      if (!existsSync(corpus)) return [`bench corpus not found at ${corpus} (set MIGGUARD_BENCH_CORPUS)`];
      return (await import("./bench-cli.js")).benchCli(corpus);
    },
  },
  {
    name: "parse-workers",
    run: async () => {
      if (!existsSync(corpus)) return [`bench corpus not found at ${corpus} (set MIGGUARD_BENCH_CORPUS)`];
      return (await import("./bench-parse-workers.js")).benchParseWorkers(corpus);
    },
  },
  {
    name: "ways",
    run: async () => (await import("./bench-ways.js")).benchWays(),
  },
  {
    name: "engine",
    run: async () => {
      if (!existsSync(corpus)) return [`bench corpus not found at ${corpus} (set MIGGUARD_BENCH_CORPUS)`];
      return (await benchEngine(corpus)).lines;
    },
  },
  {
    name: "app",
    run: async () => {
      const { runAppBench, formatAppBench } = await import("./bench-app.js");
      return [...formatAppBench(await runAppBench({ execute: false })).split("\n"), ...formatAppBench(await runAppBench({ execute: true })).split("\n")];
    },
  },
  {
    name: "execute",
    run: async () => {
      if (!existsSync(corpus)) return [`bench corpus not found at ${corpus} (set MIGGUARD_BENCH_CORPUS)`];
      return (await (await import("./bench-execute.js")).benchExecute(corpus)).lines;
    },
  },
  {
    name: "parsers",
    run: async () => {
      if (!existsSync(corpus)) return [`bench corpus not found at ${corpus} (set MIGGUARD_BENCH_CORPUS)`];
      return (await import("./bench-parsers.js")).benchParsers(corpus);
    },
  },
  {
    name: "queue",
    run: async () => (await import("./bench-queue.js")).benchQueue(),
  },
];

for (const section of sections) {
  if (!wanted(section.name)) continue;
  console.log(`\n== ${section.name} ==`);
  try {
    for (const line of await section.run()) console.log(line);
  } catch (error) {
    console.log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const rss = process.resourceUsage().maxRSS;
console.log(`\npeak RSS: ${(rss / 1024).toFixed(0)} MB`);
