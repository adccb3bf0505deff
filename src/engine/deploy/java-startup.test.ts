/** java-startup.ts: which Java classes the application server runs a migration from when it deploys the application. */
import { javaStartupMigration, loadJavaParser } from "./java-startup.js";

beforeAll(() => loadJavaParser());

const bean = (options: { imports?: string[]; annotations?: string[]; methodAnnotation?: string; body: string[]; fields?: string[] }) =>
  [
    "package org.acme.db;",
    "",
    ...(options.imports ?? ["org.flywaydb.core.Flyway", "jakarta.annotation.PostConstruct", "jakarta.ejb.Singleton", "jakarta.ejb.Startup"]).map((i) => `import ${i};`),
    "",
    ...(options.annotations ?? ["@Startup", "@Singleton"]),
    "public class StartupMigrator {",
    ...(options.fields ?? []),
    `    ${options.methodAnnotation ?? "@PostConstruct"}`,
    "    void migrateDatabase() {",
    ...options.body,
    "    }",
    "}",
    "",
  ].join("\n");
const read = (content: string) => javaStartupMigration({ path: "src/main/java/org/acme/db/StartupMigrator.java", content });

describe("javaStartupMigration", () => {
  it("finds Flyway's migrate() on a Flyway local in a @Startup @Singleton's @PostConstruct, and on a chain built from Flyway", () => {
    expect(read(bean({ body: ["        Flyway flyway = Flyway.configure().load();", "        flyway.migrate();"] }))).toEqual({ line: 14, tool: "Flyway", method: "StartupMigrator.migrateDatabase" });
    expect(read(bean({ body: ["        Flyway.configure()", "            .load()", "            .migrate();"] }))).toMatchObject({ line: 13, tool: "Flyway" });
  });

  it("reads javax.ejb, wildcard imports and a Liquibase field's update()", () => {
    expect(read(bean({ imports: ["org.flywaydb.core.*", "javax.annotation.PostConstruct", "javax.ejb.*"], body: ["        Flyway.configure().load().migrate();"] }))).toMatchObject({ tool: "Flyway" });
    const liquibase = bean({ imports: ["liquibase.Liquibase", "jakarta.annotation.PostConstruct", "jakarta.ejb.Singleton", "jakarta.ejb.Startup"], fields: ["    private Liquibase liquibase;"], body: ['        liquibase.update("");'] });
    expect(read(liquibase)).toMatchObject({ tool: "Liquibase", line: 14 });
  });

  it("needs the startup singleton, the @PostConstruct, and the tool's own type", () => {
    const call = ["        Flyway.configure().load().migrate();"];
    expect(read(bean({ annotations: ["@Singleton"], body: call }))).toBeUndefined();
    expect(read(bean({ methodAnnotation: "@Schedule", body: call }))).toBeUndefined();
    // Startup from another package is not the EJB annotation
    expect(read(bean({ imports: ["org.flywaydb.core.Flyway", "jakarta.annotation.PostConstruct", "jakarta.ejb.Singleton", "io.quarkus.runtime.Startup"], body: call }))).toBeUndefined();
    expect(read(bean({ fields: ["    private SchemaService service;"], body: ["        service.migrate();"] }))).toBeUndefined();
  });
});
