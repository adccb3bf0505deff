/**
 * One place that turns findings into the chosen output format. Each format's code loads when it is asked
 * for: SARIF needs the whole rule catalogue, which a text or JSON lint has no use for.
 */
import type { FileError } from "../engine/analyze.js";
import type { ReportedFinding } from "../engine/model.js";
import type { BaselineSummary } from "../engine/baseline/baselines.js";
import { VERSION } from "./version.js";

export const OUTPUT_FORMATS = ["text", "json", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `baseline`: the migrations a baseline left unchecked, said in JSON (text prints `baselineNote`'s line) */
export async function formatResult(format: OutputFormat, findings: readonly ReportedFinding[], errors: readonly FileError[], docsUrl?: string, baseline?: BaselineSummary): Promise<string> {
  switch (format) {
    case "json":
      return (await import("../report/json.js")).toJson(findings, errors, baseline);
    case "sarif": {
      const { toSarif } = await import("../report/sarif.js");
      const { CATALOGUE } = await import("../engine/catalogue.js");
      return toSarif(findings, errors, CATALOGUE.map((e) => e.meta), { version: VERSION, docsUrl });
    }
    default:
      return (await import("../report/text.js")).toText(findings, errors, { docsUrl, color: process.stdout.isTTY && !process.env.NO_COLOR });
  }
}
