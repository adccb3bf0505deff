import { compareVersions, newestVersion, versionKey } from "./migration-versions.js";

describe("versions as runners order them", () => {
  it("compares numerically, segment by segment", () => {
    expect(compareVersions("20240201000000", "20240301000000")).toBeLessThan(0);
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("002", "10")).toBeLessThan(0);
    expect(compareVersions("1.0", "1")).toBe(0);
    expect(compareVersions("1_1", "1.1")).toBe(0);
  });
  it("keys equal versions alike and finds the newest", () => {
    expect(versionKey("1_1")).toBe(versionKey("1.1.0"));
    expect(versionKey("0005")).toBe("5");
    expect(newestVersion(["3", "10", "9"])).toBe("10");
    expect(newestVersion([])).toBeUndefined();
  });
});
