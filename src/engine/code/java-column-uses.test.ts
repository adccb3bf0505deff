import { loadJavaColumnParser } from "./java-syntax.js";
import { ormNameUsages } from "./orm-name-forms.js";

beforeAll(() => loadJavaColumnParser());

const where = (usages: ReadonlyArray<{ path: string; line: number }>) => usages.map((u) => `${u.path}:${u.line}`);

describe("a column of a JPA entity named by @Entity(name = ...)", () => {
  it("without @Table the entity's name is its table's (JPA's default) and JPQL's name for it", () => {
    const files = [
      { path: "src/main/java/x/TokenData.java", content: 'package x;\n\n@Entity(name = "Token")\nclass TokenData {\n    @Id private Long id;\n    private String scope;\n}\n' },
      { path: "src/main/java/x/Tokens.java", content: 'package x;\n\nclass Tokens {\n    String q = "select t.scope from Token t";\n    String other = "select o.scope from Grant o";\n}\n' },
    ];
    expect(where(ormNameUsages(files, ["scope"], [], { table: "token", tableNames: ["Token"] }))).toEqual(["src/main/java/x/TokenData.java:6", "src/main/java/x/Tokens.java:4"]);
  });
});
