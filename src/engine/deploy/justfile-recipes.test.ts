import { justInvocation, justRecipes, recipeCommands } from "./justfile-recipes.js";
import { isDeployPath } from "./deploy-paths.js";

const JUSTFILE = [
  "set no-exit-message := true",
  'test-args := env("TEST_ARGS", "")',
  "export DATABASE_URL := \"postgres://db:5432/app\"",
  "alias up := prod-up",
  "",
  "# run migrations, then the server",
  '[group("Services")]',
  "prod-up: db-migrate && notify",
  "    @echo started",
  "    -gunicorn app:main",
  "",
  'serve port="80:80" *args: (check "strict") db-migrate',
  "    just prod-up",
  "",
  "db-migrate:",
  "    #!/usr/bin/env bash",
  "    set -e",
  "    alembic upgrade head",
  "",
  "check mode:",
  "    ruff check --{{ mode }}",
  "notify:",
  "    curl -X POST https://example.invalid/hook",
  "",
].join("\n");

describe("justfile recipes (just's grammar, read without a published parser)", () => {
  const recipes = justRecipes(JUSTFILE);

  it("reads recipes and leaves settings, assignments, exports, aliases, comments and attributes out", () => {
    expect([...recipes.keys()]).toEqual(["prod-up", "serve", "db-migrate", "check", "notify"]);
    expect(recipes.get("prod-up")).toEqual({ name: "prod-up", line: 8, before: ["db-migrate"], after: ["notify"], body: ["echo started", "gunicorn app:main"] });
    // a default that holds a colon does not end the header; `(check "strict")` depends on check
    expect(recipes.get("serve")).toMatchObject({ line: 12, before: ["check", "db-migrate"], after: [] });
    // a shebang recipe's script lines are its commands
    expect(recipes.get("db-migrate")?.body).toEqual(["set -e", "alembic upgrade head"]);
  });

  it("runs dependencies first, then the body (a `just` line followed), then the `&&` ones", () => {
    expect(recipeCommands(recipes, "prod-up")).toEqual(["set -e", "alembic upgrade head", "echo started", "gunicorn app:main", "curl -X POST https://example.invalid/hook"]);
    expect(recipeCommands(recipes, "serve")).toEqual(["ruff check --{{ mode }}", "set -e", "alembic upgrade head", ...recipeCommands(recipes, "prod-up")]);
  });

  it("finds the recipe a command runs with `just`, past its options", () => {
    expect(justInvocation(["just", "prod-api-up"])).toBe("prod-api-up");
    expect(justInvocation(["/bin/sh", "-c", "just", "--justfile", "/app/justfile", "--set", "port", "80", "serve"])).toBe("serve");
    expect(justInvocation(["make", "serve"])).toBeUndefined();
    expect(isDeployPath("justfile")).toBe(true);
    expect(isDeployPath("api/.justfile")).toBe(true);
  });
});
