/**
 * JavaScript/TypeScript that cannot read the database, through `migguard lint` (README: Usages): when no script of
 * the project imports a database client, query builder or ORM (alf.io: an Angular admin and an AngularJS console
 * beside a Spring server), its scripts read the server's API, and a field they name (`usageCount` of an additional
 * item) is the API's, not the dropped column (subscription.usage_count). Only SQL on the table in a string of
 * theirs would read it. A project whose scripts import `pg` (or any ORM), or that has no server in another language,
 * keeps their fields as evidence.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string };
const dropColumn = async (files: Record<string, string>) => {
  const root = fileTree(files, "migguard-api-scripts-");
  mkdirSync(join(root, ".git"));
  const { findings } = JSON.parse((await run(["lint", "--format", "json", "src/main/resources/db/migration"], { cwd: root })).output) as { findings: Finding[] };
  return findings.find((f) => f.rule === "drop-column")!;
};

const files = {
  "src/main/resources/db/migration/V1__init.sql": "CREATE TABLE subscription (id uuid PRIMARY KEY, usage_count int);\n",
  "src/main/resources/db/migration/V2__drop_usage_count.sql": "ALTER TABLE subscription DROP COLUMN usage_count;\n",
  "src/main/java/shop/SubscriptionRepository.java": 'package shop;\n\ninterface SubscriptionRepository {\n    @Query("SELECT id FROM subscription WHERE id = :id")\n    Subscription find(UUID id);\n}\n',
  "frontend/admin/src/item-list.ts":
    "import { Component } from '@angular/core';\n\nexport class ItemList {\n  items: { usageCount: number }[] = [];\n  used(item: { usageCount: number }) { return item.usageCount > 0; }\n}\n",
  "src/main/webapp/js/admin.js": "angular.module('admin').controller('Items', function ($scope) {\n  $scope.total = $scope.items.reduce((a, i) => a + i.usage_count, 0);\n});\n",
};

describe("scripts of a project that imports no database client", () => {
  it("name the API's fields: usageCount and usage_count in an Angular admin are no reader of subscription.usage_count", async () => {
    const drop = await dropColumn(files);
    expect(drop.severity).toBe("info");
    expect(drop.message).not.toContain("Application code still names");
  });

  it("SQL on the table in a string of theirs still reads the column", async () => {
    const drop = await dropColumn({ ...files, "frontend/admin/src/report.ts": "export const REPORT = 'SELECT usage_count FROM subscription';\n" });
    expect(drop.severity).toBe("error");
    expect(drop.message).toContain("Application code still names usage_count: frontend/admin/src/report.ts:1.");
  });

  it("once a script imports a database client (a Node server with pg), the scripts' fields are evidence again", async () => {
    const drop = await dropColumn({ ...files, "server/db.ts": "import { Pool } from 'pg';\n\nexport const pool = new Pool();\n" });
    expect(drop.severity).toBe("error");
    expect(drop.message).toContain("frontend/admin/src/item-list.ts:4");
    expect(drop.message).toContain("src/main/webapp/js/admin.js:2");
    // scripts alone (no server in another language) are what reads the database, whatever they import
    const { "src/main/java/shop/SubscriptionRepository.java": _server, ...scriptsAlone } = files;
    expect((await dropColumn(scriptsAlone)).severity).toBe("error");
    const required = await dropColumn({ ...files, "server/db.js": "const knex = require('knex')({ client: 'pg' });\nmodule.exports = knex;\n" });
    expect(required.severity).toBe("error");
  });
});
