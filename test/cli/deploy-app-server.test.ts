/**
 * `migguard lint` on a Jakarta EE application that runs Flyway when its application server deploys it (Dataverse: a
 * `@Startup @Singleton` EJB whose `@PostConstruct` calls `flyway.migrate()`, deep in src/main/java), deployed by a
 * workflow whose SSH step undeploys the running war before it deploys the new one: the lock finding is a note naming
 * the undeploy line. Without that sequence (or with the deploy before the undeploy) the startup migration alone says
 * nothing of how many instances run; a production Dockerfile says one container, as for Spring Boot; a Helm chart
 * keeps the error.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const MIGRATOR = "src/main/java/org/acme/archive/db/flyway/StartupFlywayMigrator.java";
const migrator = [
  "package org.acme.archive.db.flyway;",
  "",
  "import org.flywaydb.core.Flyway;",
  "import jakarta.annotation.PostConstruct;",
  "import jakarta.annotation.Resource;",
  "import jakarta.ejb.Singleton;",
  "import jakarta.ejb.Startup;",
  "import javax.sql.DataSource;",
  "",
  "@Startup",
  "@Singleton",
  "public class StartupFlywayMigrator {",
  '    @Resource(lookup = "java:app/jdbc/archive")',
  "    private DataSource dataSource;",
  "",
  "    @PostConstruct",
  "    void migrateDatabase() {",
  "        Flyway flyway = Flyway.configure().dataSource(dataSource).baselineOnMigrate(true).load();",
  "        flyway.migrate();",
  "    }",
  "}",
  "",
].join("\n");
const pom = "<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.flywaydb</groupId>\n      <artifactId>flyway-core</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n";
const workflow = (first: "undeploy" | "deploy") =>
  [
    "name: Deploy to the archive server",
    "on: workflow_dispatch",
    "jobs:",
    "  deploy-to-payara:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - name: Deploy the war remotely",
    "        uses: appleboy/ssh-action@v1.2.5",
    "        with:",
    "          host: ${{ secrets.HOST }}",
    "          script: |",
    "            APPLICATION_NAME=archive",
    "            ASADMIN='/usr/local/payara6/bin/asadmin --user admin'",
    ...(first === "undeploy"
      ? ["            $ASADMIN undeploy $APPLICATION_NAME", "            #$ASADMIN stop-domain", "            $ASADMIN deploy --name $APPLICATION_NAME archive.war"]
      : ["            $ASADMIN deploy --name archive-2 archive.war", "            $ASADMIN undeploy archive-1"]),
    "",
  ].join("\n");
const MIGRATION = "src/main/resources/db/migration/V2__records_title.sql";
const app = (extra: Record<string, string>) =>
  new Repo()
    .write({
      "pom.xml": pom,
      [MIGRATOR]: migrator,
      "src/main/resources/db/migration/V1__records.sql": "CREATE TABLE records (id bigint PRIMARY KEY, title text);\n",
      [MIGRATION]: "CREATE INDEX records_title ON records (title);\n",
      ...extra,
    })
    .commit("app");
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("an application server's undeploy-then-deploy, through the CLI", () => {
  it("lint: the workflow undeploys the running war before deploying the new one, which runs Flyway at startup: a note naming the undeploy line", async () => {
    const repo = app({ ".github/workflows/deploy_to_archive.yml": workflow("undeploy") });
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (.github/workflows/deploy_to_archive.yml:15: the deploy undeploys") });
    const text = await run(["lint", MIGRATION], { cwd: repo.root });
    expect(text.output).toContain(`deploy: read as offline: .github/workflows/deploy_to_archive.yml:15: the deploy undeploys the running application before it deploys the new version (line 17), which migrates as it starts (${MIGRATOR}:19)`);
    repo.write({ "charts/archive/Chart.yaml": "apiVersion: v2\nname: archive\n" }).commit("chart");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });

  it("lint: the new version deployed beside the old one, or no deploy sequence at all, keeps the error", async () => {
    expect(await indexFinding(app({ ".github/workflows/deploy_to_archive.yml": workflow("deploy") }))).toMatchObject({ severity: "error" });
    expect(await indexFinding(app({}))).toMatchObject({ severity: "error" });
  });

  it("lint: shipped as one container (a production Dockerfile), the startup singleton's Flyway call is the evidence", async () => {
    const repo = app({ "src/main/docker/Dockerfile": "FROM payara/server-full:6\nCOPY target/archive.war $DEPLOY_DIR\n" });
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining(`Offline deploy (${MIGRATOR}:19`) });
  });
});
