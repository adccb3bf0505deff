/**
 * Fixes for an older PostgreSQL write the syntax it has (database/postgres-syntax.ts): the case rows that set an old
 * `postgres_version`, run and checked for what their text must and must not hold.
 */
import { loadCases, runCase } from "../testing/case-runner.js";
import { RULES } from "./index.js";

const fixesOf = async (id: string, name: string): Promise<string[]> => {
  const rule = RULES.find((r) => r.meta.id === id)!;
  const c = (await loadCases(id)).invalid.find((row) => row.name.startsWith(name));
  if (!c) throw new Error(`no case of ${id} named ${name}`);
  return (await runCase(rule, c)).map((f) => f.fix);
};

it("a key swap on PostgreSQL 9.5 uses EXECUTE PROCEDURE, and neither attidentity nor ALTER SEQUENCE ... AS", async () => {
  const [fix] = await fixesOf("column-type-change", "otm-core's treemap_audit.id on PostgreSQL 9.5");
  expect(fix).toContain("FOR EACH ROW EXECUTE PROCEDURE treemap_audit_sync_id_new();");
  expect(fix).not.toMatch(/EXECUTE FUNCTION|attidentity|AS IDENTITY|ALTER SEQUENCE %s AS|COMMIT;/);
  expect(fix).toContain("UPDATE treemap_audit SET id_new = id WHERE id_new IS DISTINCT FROM id::bigint;");
  const [serial] = await fixesOf("column-type-change", "a serial key made bigint on PostgreSQL 9");
  expect(serial).toContain("ALTER SEQUENCE users_user_id_seq OWNED BY users.user_id_new;");
  expect(serial).not.toMatch(/AS bigint;|EXECUTE FUNCTION/);
});

it("a Django auto field made bigint on PostgreSQL 9 is numbered by a sequence of its own, not an identity", async () => {
  const [fix] = await fixesOf("column-type-change", "AutoField -> BigAutoField on PostgreSQL 9");
  expect(fix).toContain("EXECUTE PROCEDURE platforms_platform_sync_id_new();");
  expect(fix).toContain("CREATE SEQUENCE platforms_platform_id_seq OWNED BY platforms_platform.id;");
  expect(fix).not.toMatch(/AS IDENTITY|EXECUTE FUNCTION/);
});
