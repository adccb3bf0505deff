/** Other linters' suppression comments: parsed as their tools read them, mapped to rules that exist. */
import { PEER_RULES, parsePeerWaiver, atlasFileWaivers } from "./peer-waivers.js";
import { RULES } from "../rules/index.js";

describe("peer waivers", () => {
  it("maps every peer code to migguard rules that exist", () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    const unknown = Object.values(PEER_RULES).flatMap((table) => Object.values(table).flat()).filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });

  it("reads the three comment forms, a list with or without codes, and only SQL comments", () => {
    expect(parsePeerWaiver("-- atlas:nolint MF103 DS103", 4)).toMatchObject({ line: 4, rules: ["required-column-without-default", "drop-column"], peer: "atlas:nolint MF103 DS103", reason: "" });
    expect(parsePeerWaiver("-- atlas:nolint", 1)).toMatchObject({ rules: ["*"] });
    expect(parsePeerWaiver("-- atlas:nolint CD101", 1)).toMatchObject({ rules: [] });
    expect(parsePeerWaiver("/* squawk-ignore ban-drop-table, ban-drop-column */", 2)).toMatchObject({ rules: ["drop-table", "drop-column"], wholeFile: false });
    expect(parsePeerWaiver("-- squawk-ignore-file", 9)).toMatchObject({ rules: ["*"], wholeFile: true });
    expect(parsePeerWaiver("-- eugene: ignore E3, E6", 1)).toMatchObject({ rules: ["json-column", "index-without-concurrently"] });
    expect(parsePeerWaiver("-- eugene: ignore", 1)).toMatchObject({ rules: ["*"] });
    expect(parsePeerWaiver("# squawk-ignore ban-drop-column", 1)).toBeUndefined();
    expect(parsePeerWaiver("-- squawk-ignored is not a directive", 1)).toBeUndefined();
    expect(parsePeerWaiver("-- see atlas:nolint docs", 1)).toBeUndefined();
  });

  it("takes atlas:nolint for the whole file only in the header, before a blank line", () => {
    const at = (text: string, line: number) => atlasFileWaivers([parsePeerWaiver("-- atlas:nolint DS103", line)!], text.split("\n"))[0].wholeFile;
    expect(at("-- atlas:nolint DS103\n\nALTER TABLE t DROP COLUMN c;", 1)).toBe(true);
    expect(at("-- atlas:nolint DS103\nALTER TABLE t DROP COLUMN c;", 1)).toBe(false);
    expect(at("ALTER TABLE t ADD COLUMN d int;\n-- atlas:nolint DS103\n\nALTER TABLE t DROP COLUMN c;", 2)).toBe(false);
  });
});
