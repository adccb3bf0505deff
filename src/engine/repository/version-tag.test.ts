import { minorLineOf, oneReleaseLine, productReleaseTag } from "./version-tag.js";

describe("release lines", () => {
  it("a package's own tags beside the product's unprefixed ones are not another line (solidus's solidus_admin/v0.3.2 beside v4.4.0)", () => {
    const tags = ["solidus_admin/v0.3.2", "v4.4.0", "v4.3.0"];
    expect(oneReleaseLine(tags)).toBe(true);
    expect(tags.filter(productReleaseTag(tags))).toEqual(["v4.4.0", "v4.3.0"]);
  });

  it("packages' tags with no product tag beside them stay (conbench's name several lines)", () => {
    expect(oneReleaseLine(["benchclients-2023.4.13", "benchalerts-2023.12.18"])).toBe(false);
    expect(productReleaseTag(["admin/v0.3.2"])("admin/v0.3.2")).toBe(true);
  });

  it("the line of a patch release", () => {
    expect(minorLineOf("v4.4.3")).toBe("4.4");
    expect(minorLineOf("release-7")).toBeUndefined();
  });
});
