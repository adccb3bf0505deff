import { wildcard } from "./wildcard.js";

describe("wildcard", () => {
  it.each([
    ["*", "", true],
    ["*", "users", true],
    ["users", "USERS", true],
    ["user?", "users", true],
    ["user?", "user", false],
    ["*_ssn", "employee_ssn", true],
    ["*_ssn", "ssn", false],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXcYYb", false],
    ["*a*b", "aab", true],
    ["a**b", "ab", true],
    ["phone.*", "phone.x", true],
    ["phone.*", "phoneXx", false],
  ])("%s on %s is %s", (pattern, text, expected) => {
    expect(wildcard(pattern).test(text)).toBe(expected);
  });

  it("a pattern of many stars on a long name that does not match ends (a regular expression backtracked for minutes)", () => {
    const pattern = wildcard(`*${"a*".repeat(40)}b`);
    expect(pattern.test("a".repeat(5000))).toBe(false);
    expect(pattern.test(`${"a".repeat(5000)}b`)).toBe(true);
  });
});
