import { isVersionTag, minorLineOf } from "./version-tag.js";

describe("release lines", () => {
  it("the line of a patch release", () => {
    expect(minorLineOf("v4.4.3")).toBe("4.4");
    expect(minorLineOf("release-7")).toBeUndefined();
  });

  it("a package's own tag with a path before a `v` (solidus_admin/v0.3.2) is no version tag of the product", () => {
    expect(isVersionTag("solidus_admin/v0.3.2")).toBe(false);
    expect(isVersionTag("v4.4.0")).toBe(true);
  });
});
