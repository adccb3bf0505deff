import { KNOWN_RULE_IDS } from "./catalogue.js";
import { defaultConfig, loadConfig } from "./config.js";

describe(".github/migguard.yml", () => {
  it("applies valid keys and reports each bad one on its own line, with what was expected", () => {
    const text = ["postgres_version: 14", "rules:", "  drop-column: warning", "  index-without-concurrently: loud", "  no-such-rule: off", "sensitive: 5", ""].join("\n");
    const { config, problems } = loadConfig(text, KNOWN_RULE_IDS);
    expect(config.postgres_version).toBe(14);
    expect(config.rules).toEqual({ "drop-column": "warning" });
    expect(config.sensitive).toEqual([]);
    expect(problems.map((p) => [p.key, p.line])).toEqual([
      ["rules.index-without-concurrently", 4],
      ["sensitive", 6],
      ["rules.no-such-rule", 5],
    ]);
    expect(problems[0].message).toContain("expected off, info, warning or error");
  });

  it("points at an unknown top-level key and at a YAML syntax error", () => {
    expect(loadConfig("execute: false\nexecutee: true\n").problems).toEqual([{ key: "executee", message: 'unknown key "executee"', line: 2 }]);
    const broken = loadConfig("rules:\n  drop-column: [warning\n");
    expect(broken.config).toEqual(defaultConfig());
    expect(broken.problems[0]).toMatchObject({ key: "(yaml)" });
    expect(broken.problems[0].message).toMatch(/^not valid YAML/);
    expect(broken.problems[0].line).toBeGreaterThanOrEqual(2);
  });

  it("treats an empty file as the defaults", () => {
    expect(loadConfig("")).toEqual({ config: defaultConfig(), problems: [] });
    expect(loadConfig("# nothing yet\n").problems).toEqual([]);
  });
});
