import { ormNameUsages, type NameContext } from "./orm-name-forms.js";
import { loadScriptSyntax } from "./script-syntax-loader.js";

beforeAll(() => loadScriptSyntax());

const where = (files: Record<string, string>, names: string[], classNames: string[] = []) =>
  ormNameUsages(Object.entries(files).map(([path, content]) => ({ path, content })), names, classNames).map((u) => `${u.path}:${u.line}`);

describe("the forms an ORM gives a snake_case name", () => {
  it("Go, Java, C#, PHP and TypeScript fields in any case without underscores (gorm's UserID, Spring's userId, jOOQ's USER_ID)", () => {
    const files = {
      "internal/model/token.go": "package model\n\ntype Token struct {\n\tUserID string\n}\n",
      "src/main/java/Token.java": "class Token {\n  private String userId;\n}\n",
      "Models/Token.cs": "public class Token { public string UserId { get; set; } }\n",
      "src/Entity/Token.php": "<?php\nclass Token {\n  private string $userId;\n}\n",
      "web/src/token.ts": "export const read = (t: Token) => t.userId;\n",
      "gen/Tables.java": "Field<String> f = TOKENS.USER_ID;\n",
    };
    expect(where(files, ["user_id"])).toEqual(["gen/Tables.java:1", "internal/model/token.go:4", "Models/Token.cs:1", "src/Entity/Token.php:3", "src/main/java/Token.java:2", "web/src/token.ts:1"]);
  });

  it("Java and Kotlin read a column through the bean's accessors too (getUserId, setUserId; isPublic for a boolean)", () => {
    const files = {
      "src/main/java/TokenService.java": "class TokenService {\n  String owner(Token t) { return t.getUserId(); }\n  List<String> all(Tokens t) { return t.getUserIds(); }\n}\n",
      "src/main/kotlin/Config.kt": "fun shown(c: AppConfig) = c.isPublic()\n",
    };
    expect(where(files, ["user_id"])).toEqual(["src/main/java/TokenService.java:2"]);
    expect(where(files, ["public"])).toEqual(["src/main/kotlin/Config.kt:1"]);
  });

  it("Python, Ruby and Rust name attributes as the columns: only the snake_case word counts there", () => {
    const files = {
      "app/models.py": "class Token(Base):\n    UserId = 1\n    owner = relationship('User')\n",
      "app/services/token.rb": "token.user_id\n",
      "src/token.rs": "pub struct Token { pub userid: String }\n",
    };
    expect(where(files, ["user_id"])).toEqual(["app/services/token.rb:1"]);
  });

  it("whole words only, one usage per line; a dropped table's model class counts in every language", () => {
    const files = {
      "internal/a.go": "var UserIDs = 1 // user_id_old, user_id user_id\n",
      "lib/report.rb": "OneTimeAccessToken.where(used: false)\n",
      "internal/b.go": "type OneTimeAccessTokens struct{}\n",
    };
    expect(where(files, ["user_id"])).toEqual(["internal/a.go:1"]);
    expect(where(files, ["one_time_access_tokens"], ["OneTimeAccessToken"])).toEqual(["internal/b.go:1", "lib/report.rb:1"]);
  });

  describe("JavaScript and TypeScript, read with Babel: a use must reach the table's column", () => {
    const jobVersion: NameContext = { table: "JobVersion", tableNames: ["jobVersion"] };
    // trigger.dev's false evidence: `prepare` in a comment and prose, a local name, `EventRule` a type
    const unrelated = {
      "apps/webapp/app/components/query/QueryEditor.tsx": [
        "export function QueryEditor() {",
        "  // Handle query submission - prepare for title generation",
        "  const prepare = () => setTitle('');",
        "  const help = 'we prepare the query';",
        "  return <p>prepare</p>;",
        "}",
      ].join("\n"),
      "apps/webapp/app/components/primitives/charts/ChartLegendCompound.tsx": "const rows = items.map((item) => item.prepare());\n",
      "packages/core/src/schemas/eventFilter.ts": "export type EventRule = z.infer<typeof EventRuleSchema>;\n",
    };
    const columnUses = {
      "app/jobs.server.ts": "export const ready = () => prisma.jobVersion.findMany({ where: { prepare: true } });\n",
      "app/raw.server.ts": 'export const raw = () => prisma.$queryRaw`SELECT id FROM "JobVersion" WHERE "prepare" = ${true}`;\n',
    };

    it("a comment, prose in a string or JSX, a local name and a PascalCase type are no use of the column", () => {
      expect(where(unrelated, ["eventRule"])).toEqual([]);
      expect(where(unrelated, ["event_rule"])).toEqual([]);
      expect(ormNameUsages(Object.entries(unrelated).map(([path, content]) => ({ path, content })), ["prepare"], [], jobVersion)).toEqual([]);
    });

    it("a common word counts only where the file names the table (the client's delegate) or in SQL on the table", () => {
      const files = { ...unrelated, ...columnUses };
      const found = ormNameUsages(Object.entries(files).map(([path, content]) => ({ path, content })), ["prepare"], [], jobVersion).map((u) => `${u.path}:${u.line}`);
      expect(found).toEqual(["app/jobs.server.ts:1", "app/raw.server.ts:1"]);
      // without the table, any record's `.prepare` is a field: the call in ChartLegendCompound counts
      expect(where(files, ["prepare"])).toEqual(["app/jobs.server.ts:1", "app/raw.server.ts:1", "apps/webapp/app/components/primitives/charts/ChartLegendCompound.tsx:1"]);
    });

    it("a specific name counts as a field or key in camelCase or snake_case, or as a string of the name alone", () => {
      const files = {
        "a.ts": "const r = row.eventRule;\n",
        "b.ts": "await knex('workflows').select(['event_rule']);\n",
        "c.tsx": "const { eventRule } = workflow;\n",
        "d.ts": "type EventRule = { a: 1 };\nconst eventRule = 1;\n",
      };
      expect(where(files, ["event_rule"])).toEqual(["a.ts:1", "b.ts:1", "c.tsx:1"]);
    });

    it("with the client's schema left without it (Prisma), only SQL on the table reaches it: a field named alike is another model's", () => {
      const files = {
        ...unrelated,
        ...columnUses,
        "app/other.server.ts": "export const o = () => prisma.jobVersion.findMany({ select: { id: true } }).then((r) => r.map((x) => x.prepare));\n",
        // prose that reads like SQL: PostgreSQL folds an unquoted name, so only "JobVersion" quoted is the table
        "app/copy.ts": 'export const note = (v) => `prepare copied from JobVersion ${v.id}`;\n',
      };
      const usages = (context: NameContext) => ormNameUsages(Object.entries(files).map(([path, content]) => ({ path, content })), ["prepare"], [], context).map((u) => `${u.path}:${u.line}`);
      expect(usages({ ...jobVersion, sqlOnly: true, quoted: true })).toEqual(["app/raw.server.ts:1"]);
      expect(usages({ ...jobVersion, sqlOnly: true })).toEqual(["app/copy.ts:1", "app/raw.server.ts:1"]);
    });
  });
});
