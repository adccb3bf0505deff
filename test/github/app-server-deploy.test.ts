/**
 * The deploy model through the App for a Jakarta EE application deployed on an application server (Dataverse): its
 * war runs Flyway from a `@Startup` singleton (a Java file deep in src/main/java, read from ONE tarball of the head),
 * and its deploy workflow's SSH step undeploys the running war before it deploys the new one. The index a pull
 * request adds is the same notice in the App's check as in `migguard review`, naming the workflow's undeploy line.
 * Signed webhooks over HTTP against the local GitHub API.
 */
import { describe, expect, it } from "@jest/globals";
import { featureBranchOn, reviewJson } from "../cli/support/review-repo.js";
import { startScenario, useScenario } from "./support/scenario.js";

const MIGRATOR = "src/main/java/edu/acme/archive/flyway/StartupFlywayMigrator.java";
const BASE: Record<string, string> = {
  "README.md": "# Archive\n",
  "pom.xml": "<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.flywaydb</groupId>\n      <artifactId>flyway-core</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n",
  [MIGRATOR]: [
    "package edu.acme.archive.flyway;",
    "",
    "import org.flywaydb.core.Flyway;",
    "import jakarta.annotation.PostConstruct;",
    "import jakarta.ejb.Singleton;",
    "import jakarta.ejb.Startup;",
    "",
    "@Startup",
    "@Singleton",
    "public class StartupFlywayMigrator {",
    "    @PostConstruct",
    "    void migrateDatabase() {",
    "        Flyway flyway = Flyway.configure().load();",
    "        flyway.migrate();",
    "    }",
    "}",
    "",
  ].join("\n"),
  ".github/workflows/deploy_to_production.yml": [
    "name: Deploy",
    "on: workflow_dispatch",
    "jobs:",
    "  deploy:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: appleboy/ssh-action@v1.2.5",
    "        with:",
    "          script: |",
    "            ASADMIN='/usr/local/payara6/bin/asadmin --user admin'",
    "            $ASADMIN undeploy archive",
    "            $ASADMIN deploy --name archive archive.war",
    "",
  ].join("\n"),
  "src/main/resources/db/migration/V1__records.sql": "CREATE TABLE records (id bigint PRIMARY KEY, title text);\n",
};
const ADDED = { "src/main/resources/db/migration/V2__records_title.sql": "CREATE INDEX records_title ON records (title);\n" };

useScenario();

describe("an application server's undeploy-then-deploy, read by the App", () => {
  it("the index is a notice naming the workflow's undeploy line, as `migguard review` gives it", async () => {
    const s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(91, ADDED);
    expect((await s.pullRequest("opened", 91)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as offline: `\.github\/workflows\/deploy_to_production\.yml:11`/g)).toHaveLength(1);
    const annotation = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(annotation).toMatchObject({ annotation_level: "notice", message: expect.stringContaining(`(line 12), which migrates as it starts (${MIGRATOR}:14)`) });
    const cli = (await reviewJson(featureBranchOn(BASE).write(ADDED).commit("index records.title"))).findings.find((f) => f.rule === "index-without-concurrently");
    expect(cli?.severity).toBe("info");
    expect(annotation!.message).toContain(cli!.message);
  });
});
