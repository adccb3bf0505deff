/** SARIF 2.1.0 for code scanning: one run, the rule catalogue as the driver's rules, one result per finding. */
import type { FileError } from "../engine/analyze.js";
import type { ReportedFinding, Severity } from "../engine/model.js";
import type { RuleMeta } from "../engine/rules/support/rule.js";
import { ruleDocsUrl } from "./docs-url.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

export function toSarif(findings: readonly ReportedFinding[], errors: readonly FileError[], rules: readonly RuleMeta[], options: { version: string; docsUrl?: string }): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "migguard",
            version: options.version,
            informationUri: "https://github.com/migguard/migguard",
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              helpUri: ruleDocsUrl(r.id, options.docsUrl),
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { category: r.category, tags: [r.category] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
          level: LEVEL[f.severity],
          message: { text: `${f.message}\n\nSafe alternative:\n${f.fix}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.path }, region: { startLine: f.line, endLine: f.endLine } } }],
          partialFingerprints: { "migguard/v1": `${f.rule}:${f.path}:${f.statement || f.line}` },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: errors.map((e) => ({
              level: "warning",
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: e.path } } }],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
