import { loadPrism } from "@ruby/prism";
import { IntegerNode, CallNode } from "@ruby/prism";
import { rubyIntegerOf } from "./ruby-integer.js";

describe("rubyIntegerOf", () => {
  it("reads a 14-digit version Prism's deserialiser gets wrong", async () => {
    const parse = await loadPrism();
    const call = parse("StrongMigrations.start_after = 2021_06_22_17_08_35").value.statements.body[0] as CallNode;
    const node = call.arguments_!.arguments_[0] as IntegerNode;
    expect(node.value).not.toBe(20210622170835n); // the reason this helper exists; when Prism is fixed this fails
    expect(rubyIntegerOf("2021_06_22_17_08_35")).toBe(20210622170835n);
  });

  it.each([
    ["20230101000000", 20230101000000n],
    ["1_000", 1000n],
    ["-5", -5n],
    ["0", 0n],
    ["0x1f", 31n],
    ["0b101", 5n],
    ["0o17", 15n],
    ["017", 15n],
    ["0d12", 12n],
  ])("%s", (text, value) => expect(rubyIntegerOf(text)).toBe(value));

  it.each(["1.5", "0b12", "abc", ""])("not an Integer literal: %s", (text) => expect(rubyIntegerOf(text)).toBeUndefined());
});
