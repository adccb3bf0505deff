/**
 * What counts as application code still using a dropped column, through `migguard review` (dropped-object-still-used,
 * drop-column) on a small Flyway repository: SQL in Java strings by whose alias qualifies the column, and never a
 * library copied into the web app's static assets (dhis2-core, replay 40).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const MIGRATIONS = "src/main/resources/db/migration";
const schema = [
  "CREATE TABLE trackedentity (trackedentityid bigint PRIMARY KEY, uid text, storedby text);",
  "CREATE TABLE trackedentityattributevalue (trackedentityid bigint, value text, storedby text);",
  "CREATE TABLE note (noteid bigint PRIMARY KEY, notetext text, creator text);",
  "",
].join("\n");
const pom = "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>x</artifactId><version>1</version></project>\n";

const usesOf = async (files: Record<string, string>, drop: string) => {
  const repo = featureBranchOn({ "pom.xml": pom, [`${MIGRATIONS}/V1__init.sql`]: schema, ...files });
  repo.write({ [`${MIGRATIONS}/V2__drop.sql`]: drop }).commit("drop");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => (f.rule === "dropped-object-still-used" || f.rule === "drop-column") && f.path.endsWith("V2__drop.sql"));
};

const store = (select: string) => `package x;

class TrackedEntityStore {
  private static final String GET_ATTRIBUTES =
      """
      select ${select}, teav.value
      from trackedentityattributevalue teav
      join trackedentity te on teav.trackedentityid = te.trackedentityid
      where teav.trackedentityid in (:ids)""";
}
`;

describe("code-use evidence for a dropped column", () => {
  it("a column qualified by another table's alias in a Java SQL string is that table's: teav.storedby is no use of trackedentity.storedby; te.storedby is", async () => {
    const drop = "ALTER TABLE trackedentity DROP COLUMN storedby;\n";
    const other = await usesOf({ "src/main/java/x/TrackedEntityStore.java": store("te.uid, teav.storedby") }, drop);
    expect(other.length).toBeGreaterThan(0);
    for (const f of other) expect(f.message).not.toContain("TrackedEntityStore.java");
    const own = await usesOf({ "src/main/java/x/TrackedEntityStore.java": store("te.uid, te.storedby") }, drop);
    expect(own.find((f) => f.rule === "dropped-object-still-used")?.message).toContain("src/main/java/x/TrackedEntityStore.java:6");
  });

  it("a library copied into the static assets (in its own folder, minified or bannered) is not application code", async () => {
    const drop = "ALTER TABLE note DROP COLUMN creator;\n";
    const minified = `${"var a=function(b){return b.creator},c=".repeat(40)}1;\n`.repeat(3);
    const vendored = {
      "src/main/resources/static/javascripts/openlayers/OpenLayers.js": "/*\n  OpenLayers.js -- OpenLayers Map Viewer Library\n  Copyright (c) 2006-2012 by OpenLayers Contributors\n  Published under the 2-clause BSD license.\n*/\nvar OpenLayers = { creator: function (note) { return note.creator; } };\n",
      "src/main/resources/static/javascripts/app/bundle.js": minified,
      "src/main/resources/static/javascripts/chart.js": "/*!\n * chart.js v2.9.4\n * Released under the MIT License\n */\nvar chart = { creator: 1 };\nfunction draw(note) { return note.creator; }\n",
    };
    const found = await usesOf(vendored, drop);
    for (const f of found) expect(f.message).not.toMatch(/OpenLayers\.js|bundle\.js|chart\.js/);
    // the application's own script there is still read
    const own = await usesOf({ ...vendored, "src/main/resources/static/javascripts/app/notes.js": "function show(note) {\n  return note.creator;\n}\n" }, drop);
    expect(own.map((f) => f.message).join("\n")).toContain("app/notes.js:2");
  });
});
