/**
 * The Django fixes that move a concurrent index build (index-without-concurrently, concurrently-in-transaction) are
 * whole migration files (docs 0010 and 0033, audit 14): each
 * file of a fix parses with tree-sitter's Python grammar; the migration that takes the original's place keeps
 * its dependencies and every operation but the moved build, and the new one depends on it by its real name.
 */
import { loadPythonParser, withPythonTree } from "../adapters/python/parser.js";
import { readDjangoFile } from "../adapters/python/django-reader.js";
import { RULES } from "./index.js";
import { casePath, loadCases, runCase } from "../testing/case-runner.js";

const tables = await Promise.all(
  ["index-without-concurrently", "concurrently-in-transaction"].map(async (id) => {
    const rule = RULES.find((r) => r.meta.id === id)!;
    return (await loadCases(id)).invalid.filter((c) => c.framework === "django" && c.fixes).map((c) => [`${id}: ${c.name}`, rule, c] as const);
  }),
);
const cases = tables.flat();
beforeAll(() => loadPythonParser());

/** The files of a fix: the text under each `# the migration becomes ..., path:` / `# then, in a new migration ...:` header. */
function filesOf(fix: string): Array<{ header: string; text: string }> {
  const parts: Array<{ header: string; text: string[] }> = [];
  for (const line of fix.split("\n")) {
    if (/^# (the migration becomes|then,? (in )?a new migration)/.test(line)) parts.push({ header: line, text: [] });
    else parts.at(-1)?.text.push(line);
  }
  return parts.map((p) => ({ header: p.header, text: p.text.join("\n") }));
}

/**
 * The case's app's leaf nodes: its migrations in the case's folder (the case and its `files`) that no other one
 * depends on; a new migration goes after them (the case alone: after the case).
 */
function leafNodes(c: (typeof cases)[number][2]): string[] {
  const folder = casePath(c).slice(0, casePath(c).lastIndexOf("/") + 1);
  const files = [[casePath(c), c.code], ...Object.entries(c.files ?? {})].filter(([path]) => path.startsWith(folder) && !path.slice(folder.length).includes("/") && path.endsWith(".py"));
  const read = files.map(([path, code]) => readDjangoFile(path, code));
  const dependedOn = new Set(read.flatMap((m) => m.dependencies.map((d) => d.name)));
  return read.map((m) => m.name).filter((name) => !dependedOn.has(name)).sort();
}

describe.each(cases)("%s", (_name, rule, c) => {
  it("every file of each fix parses, keeps the original's dependencies, and the new one follows it", async () => {
    const original = readDjangoFile(casePath(c), c.code);
    const findings = await runCase(rule, c);
    for (const finding of findings) {
      const files = filesOf(finding.fix);
      for (const file of files) expect(withPythonTree(file.text, (root) => root.hasError)).toBe(false);
      const becomes = files.find((f) => f.header.startsWith("# the migration becomes"));
      if (!becomes) continue;
      const first = readDjangoFile(casePath(c), becomes.text);
      // the migration as it becomes has fewer such findings (the fixed one gone: a RunSQL item of two CONCURRENTLY statements would stay one query)
      expect((await runCase(rule, { ...c, code: `${becomes.text}\n` })).length).toBeLessThan(findings.length);
      expect(first.dependencies).toEqual(original.dependencies);
      const next = files.find((f) => /^# then,? (in )?a new migration/.test(f.header));
      if (next) {
        expect(first.operations.length).toBe(original.operations.length - (finding.fix.includes("builds no index") ? 0 : 1));
        const app = original.dependencies[0]?.app ?? "app";
        expect(readDjangoFile("next.py", next.text).dependencies).toEqual(leafNodes(c).map((name) => ({ app, name })));
      } else if (!finding.fix.includes("# no migration builds the index:")) {
        // in place: the build where the operation was, and a field that builds an index kept before it without one,
        // followed by each index it built (a varchar or text one also has Django's _like index)
        expect(first.atomic).toBe(false);
        // on a Django before 3.0 a field's index is two RunSQL (the clean-up of a failed build, the build) after the field's SeparateDatabaseAndState
        const builds = becomes.text.split("AddIndexConcurrently(").length - 1 + 2 * (becomes.text.split('migrations.RunSQL(\n            "CREATE INDEX CONCURRENTLY').length - 1);
        // an index replaced (RemoveIndex, then AddIndex): both give way to the swap, the clean-up of a failed build,
        // the build, the old index's concurrent removal and, when the new one took the old one's name, its rename
        const swap = becomes.text.includes("RemoveIndexConcurrently(") ? 3 + (becomes.text.includes("RenameIndex(") ? 1 : 0) - 2 : 0;
        expect(first.operations.length).toBe(original.operations.length + swap + (finding.fix.includes("db_index=False") ? builds : 0));
      } else {
        // no concurrent build left anywhere (a later migration drops the table, and the fix says so): the migration
        // keeps its transaction and loses the build
        expect(first.atomic).not.toBe(false);
        expect(becomes.text).not.toContain("AddIndexConcurrently(");
      }
    }
  });
});
