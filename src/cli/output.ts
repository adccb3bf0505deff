/** One place that turns findings into the chosen output format. */
import type { FileError } from "../engine/analyze.js";
import { CATALOGUE } from "../engine/catalogue.js";
import type { ReportedFinding } from "../engine/model.js";
import { toJson } from "../report/json.js";
import { toSarif } from "../report/sarif.js";
import { toText } from "../report/text.js";
import { VERSION } from "./version.js";

export const OUTPUT_FORMATS = ["text", "json", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function formatResult(format: OutputFormat, findings: readonly ReportedFinding[], errors: readonly FileError[], docsUrl?: string): string {
  switch (format) {
    case "json":
      return toJson(findings, errors);
    case "sarif":
      return toSarif(findings, errors, CATALOGUE.map((e) => e.meta), { version: VERSION, docsUrl });
    default:
      return toText(findings, errors, { docsUrl, color: process.stdout.isTTY && !process.env.NO_COLOR });
  }
}
