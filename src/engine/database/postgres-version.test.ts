import { imagePostgresVersion, loadPostgresVersionReader, namedPostgresVersion } from "./postgres-version.js";
import { hasSyntax, postgresMajor, triggerExecutes } from "./postgres-syntax.js";

await loadPostgresVersionReader();

describe("the PostgreSQL version a repository names", () => {
  it.each([
    ["postgres:9.6", "9.6"],
    ["postgres:9.6.24-alpine", "9.6.24"],
    ["docker.io/library/postgres:13@sha256:abc", "13"],
    ["mdillon/postgis:9.5", "9.5"],
    ["postgis/postgis:13-3.1", "13"],
    ["cimg/postgres:14.2", "14.2"],
    ["timescale/timescaledb:2.11.0-pg14", "14"],
    ["pgvector/pgvector:pg16", "16"],
    ["${DB_IMAGE:-postgres:12}", "12"],
    ["postgres", undefined],
    ["postgres:latest", undefined],
    ["postgres:${PG_VERSION}", undefined],
    ["redis:6", undefined],
    ["mysql:5.7", undefined],
  ])("reads %s as %s", (image, version) => {
    expect(imagePostgresVersion(image)).toBe(version);
  });

  it("takes the oldest of a compose file's, a workflow's and a structure.sql's, and says where each is", () => {
    const named = namedPostgresVersion([
      { path: "docker-compose.yml", content: "services:\n  db:\n    image: postgres:9.6\n  web:\n    image: app\n" },
      { path: ".github/workflows/ci.yml", content: "jobs:\n  test:\n    services:\n      postgres:\n        image: postgres:13\n" },
      { path: "db/structure.sql", content: "--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 14.9 (Ubuntu 14.9-1)\n" },
      { path: "examples/docker-compose.yml", content: "services:\n  db:\n    image: postgres:9.1\n" },
    ]);
    expect(named).toMatchObject({ version: "9.6", major: 9 });
    expect(named?.says).toContain("docker-compose.yml (image postgres:9.6)");
    expect(named?.says).toContain(".github/workflows/ci.yml (image postgres:13)");
    expect(named?.says).not.toContain("examples/");
  });

  it("names none when no file pins one", () => {
    expect(namedPostgresVersion([{ path: "docker-compose.yml", content: "services:\n  db:\n    image: postgres\n" }])).toBeUndefined();
  });
});

describe("which syntax a version has", () => {
  it("answers by the first major version with it", () => {
    expect(triggerExecutes(10)).toBe("EXECUTE PROCEDURE");
    expect(triggerExecutes(11)).toBe("EXECUTE FUNCTION");
    expect(hasSyntax(9, "identityColumns")).toBe(false);
    expect(hasSyntax(11, "reindexConcurrently")).toBe(false);
    expect(hasSyntax(15, "nullsNotDistinct")).toBe(true);
    expect(postgresMajor("9.5.25")).toBe(9);
    expect(postgresMajor("14.9 (Ubuntu)")).toBe(14);
  });
});
