/** Pairing ups with downs: pop/popx's per-dialect files and the dialect-less file shared by every database. */
import { defaultConfig } from "./config.js";
import { groupMigrations } from "./group.js";

const dir = "persistence/sql/migrations";
const files = (names: string[]) => names.map((name) => ({ path: `${dir}/${name}`, content: `-- ${name}\nSELECT 1;` }));
const pairs = (names: string[]) => {
  const grouped = groupMigrations(files(names), defaultConfig());
  return {
    units: Object.fromEntries(grouped.units.map((u) => [u.file.path.slice(dir.length + 1), u.downFile?.path.slice(dir.length + 1)])),
    orphans: grouped.orphanDowns.map((d) => d.file.path.slice(dir.length + 1)),
  };
};

describe("pop/popx pairing", () => {
  it("a dialect-less down is the down of every dialect's up that has none of its own (ory/hydra networks)", () => {
    expect(
      pairs(["1_networks.postgres.up.sql", "1_networks.mysql.up.sql", "1_networks.cockroach.up.sql", "1_networks.cockroach.down.sql", "1_networks.down.sql"]),
    ).toEqual({
      units: { "1_networks.postgres.up.sql": "1_networks.down.sql", "1_networks.mysql.up.sql": "1_networks.down.sql", "1_networks.cockroach.up.sql": "1_networks.cockroach.down.sql" },
      orphans: [],
    });
  });

  it("an up and its down pair across .autocommit", () => {
    expect(pairs(["2_flow.postgres.autocommit.up.sql", "2_flow.postgres.down.sql"]).units).toEqual({ "2_flow.postgres.autocommit.up.sql": "2_flow.postgres.down.sql" });
    expect(pairs(["3_idx.autocommit.up.sql", "3_idx.autocommit.down.sql"]).units).toEqual({ "3_idx.autocommit.up.sql": "3_idx.autocommit.down.sql" });
  });

  it("a dialect down never serves another dialect, and a generic down without its up stays an orphan", () => {
    expect(pairs(["4_t.postgres.up.sql", "4_t.mysql.down.sql"])).toEqual({ units: { "4_t.postgres.up.sql": undefined }, orphans: ["4_t.mysql.down.sql"] });
    expect(pairs(["5_t.down.sql"]).orphans).toEqual(["5_t.down.sql"]);
  });

  it("golang-migrate's own names pair as before", () => {
    expect(pairs(["000001_users.up.sql", "000001_users.down.sql", "000002_x.up.sql"]).units).toEqual({ "000001_users.up.sql": "000001_users.down.sql", "000002_x.up.sql": undefined });
  });
});
