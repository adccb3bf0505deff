import { analyze } from "../engine/analyze.js";
import { FolderObjects } from "./folder-objects.js";

const folder = async () => {
  const { migrations } = await analyze({ files: [{ path: "db/migrations/001_users.up.sql", content: "CREATE TABLE users (id bigint PRIMARY KEY);\n" }] });
  return new FolderObjects(migrations);
};

describe("near misses of a name the folder creates", () => {
  it("a misspelt name is one", async () => {
    expect((await folder()).nearMiss("uesrs")).toBe("users");
  });

  it("the very name the statement wrote is not: no `did you mean users?` on users", async () => {
    expect((await folder()).nearMiss("users")).toBeUndefined();
  });

  it("the same name in another schema or case is one", async () => {
    const objects = await folder();
    expect(objects.nearMiss("auth.users")).toBe("users");
    expect(objects.nearMiss('"Users"')).toBe("users");
  });
});
