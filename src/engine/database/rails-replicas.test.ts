import { REPLICA_DATABASE_YML } from "../testing/rails-fixtures.js";
import { railsReplicas } from "./rails-replicas.js";

describe("railsReplicas: the databases config/database.yml declares replicas, and which one each copies", () => {
  it("reads bike_index's primary_replica as a replica of primary (the same database under ERB, Rails' naming elsewhere)", () => {
    expect(railsReplicas("config/database.yml", REPLICA_DATABASE_YML)).toEqual([
      { database: "db/primary_replica", source: "db/", says: "config/database.yml declares primary_replica a replica (`replica: true`) of primary" },
    ]);
  });

  it("keys an engine's databases under its root, and a replica of a named database by the same database name", () => {
    const yml = "production:\n  main:\n    adapter: postgresql\n    database: app\n  cache:\n    adapter: postgresql\n    database: app_cache\n  reading:\n    adapter: postgresql\n    database: app_cache\n    replica: true\n";
    expect(railsReplicas("engines/shop/config/database.yml", yml)).toEqual([
      { database: "engines/shop/db/reading", source: "engines/shop/db/cache", says: "engines/shop/config/database.yml declares reading a replica (`replica: true`) of cache" },
    ]);
  });

  it("names no source when nothing says which database a replica copies, and none when environments disagree", () => {
    const silent = "production:\n  primary:\n    adapter: postgresql\n    database: app\n  reader:\n    adapter: postgresql\n    database: other\n    replica: true\n";
    expect(railsReplicas("config/database.yml", silent)).toEqual([{ database: "db/reader", source: undefined, says: "config/database.yml declares reader a replica (`replica: true`)" }]);
    const disagree =
      "development:\n  primary:\n    database: a\n  cache:\n    database: b\n  reader:\n    database: a\n    replica: true\nproduction:\n  primary:\n    database: x\n  cache:\n    database: y\n  reader:\n    database: y\n    replica: true\n";
    expect(railsReplicas("config/database.yml", disagree)[0].source).toBeUndefined();
    // a single-database file declares no replica
    expect(railsReplicas("config/database.yml", "production:\n  adapter: postgresql\n  database: app\n")).toEqual([]);
  });
});
