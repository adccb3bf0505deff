import { describe, expect, it } from "@jest/globals";
import { freePostgresName, postgresDefaultName } from "./pg-names.js";

/** Each expected name is what PostgreSQL 15 (PGlite) gave the unnamed index or constraint. */
describe("PostgreSQL's names for unnamed indexes and constraints", () => {
  const table = "hydra_oauth2_trusted_jwt_bearer_issuer";

  it("shortens the longer part one byte at a time past 63 bytes, keeping the label whole (not a 63-byte prefix)", () => {
    expect(postgresDefaultName(table, ["issuer", "subject", "key_id"], "key")).toBe("hydra_oauth2_trusted_jwt_bearer_issue_issuer_subject_key_id_key");
    expect(postgresDefaultName(table, ["issuer", "subject", "key_id"], "idx")).toBe("hydra_oauth2_trusted_jwt_bearer_issue_issuer_subject_key_id_idx");
    expect(postgresDefaultName(`public.${table}`, ["a", "b", "c"], "fkey")).toBe("hydra_oauth2_trusted_jwt_bearer_issuer_a_b_c_fkey");
  });

  it("names a CHECK by its column only when it reads exactly one", () => {
    expect(postgresDefaultName(table, ["x", "x"], "check")).toBe("hydra_oauth2_trusted_jwt_bearer_issuer_x_check");
    expect(postgresDefaultName("short", ["a", "b"], "check")).toBe("short_check");
    expect(postgresDefaultName("orders", [], "pkey")).toBe("orders_pkey");
  });

  it("numbers the label while the name is taken, as ChooseRelationName does", () => {
    const taken = new Set(["person_ban_person_id_key", "person_ban_person_id_key1"]);
    expect(freePostgresName("person_ban", ["person_id"], "key", (n) => taken.has(n))).toBe("person_ban_person_id_key2");
    expect(freePostgresName("person_ban", ["user_id"], "key", (n) => taken.has(n))).toBe("person_ban_user_id_key");
    expect(freePostgresName(table, ["issuer", "subject", "key_id"], "key", (n) => n.endsWith("_key"))).toBe("hydra_oauth2_trusted_jwt_bearer_issu_issuer_subject_key_id_key1");
  });
});
