/** tree-sitter-grammar.ts: one web-tree-sitter runtime for the Python, Java and HCL grammars. */
import { Parser } from "web-tree-sitter";
import { loadPythonParser, withPythonTree } from "./python/parser.js";
import { javaStartupMigration, loadJavaParser } from "../deploy/java-startup.js";
import { hclInstanceCountSign, loadHclParser } from "../deploy/terraform-hcl.js";

const JAVA = [
  "import org.flywaydb.core.Flyway;",
  "import jakarta.annotation.PostConstruct;",
  "import jakarta.ejb.Singleton;",
  "import jakarta.ejb.Startup;",
  "@Startup",
  "@Singleton",
  "public class StartupMigrator {",
  "    @PostConstruct",
  "    void migrateDatabase() {",
  "        Flyway.configure().load().migrate();",
  "    }",
  "}",
].join("\n");

describe("one tree-sitter runtime for every grammar", () => {
  // each grammar used to init the runtime itself: two inits at once (the deploy readers load Java and HCL together)
  // could make two WASM modules, the later replacing the earlier, and a grammar loaded into the orphaned one failed
  // with "Incompatible language version 0" (a CI run). Parser.init must run once, whoever loads first.
  it("inits web-tree-sitter once for Python, Java and HCL loaded at once, and each parses", async () => {
    const init = Parser.init.bind(Parser);
    let inits = 0;
    Parser.init = async (...args: Parameters<typeof Parser.init>) => {
      inits++;
      return init(...args);
    };
    try {
      await Promise.all([loadJavaParser(), loadHclParser(), loadPythonParser()]);
    } finally {
      Parser.init = init;
    }
    expect(inits).toBe(1);
    expect(withPythonTree("x = 1\n", (root) => root.type)).toBe("module");
    expect(javaStartupMigration({ path: "src/main/java/org/acme/StartupMigrator.java", content: JAVA })).toMatchObject({ tool: "Flyway", line: 10 });
    expect(hclInstanceCountSign({ path: "terraform/production.tfvars", content: "web_replicas = 3\n" })).toBeDefined();
  });
});
