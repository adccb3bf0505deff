import { ormNameUsages } from "./orm-name-forms.js";

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
});
