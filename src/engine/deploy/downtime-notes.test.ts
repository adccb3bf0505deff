import { downtimeNote, prescribesDowntime, stopsFirst } from "./downtime-notes.js";
import { proseBlocks, sentencesOf } from "./doc-prose.js";
import { addedLines } from "../review/added-lines.js";

const every = () => true;

describe("prescribesDowntime: one sentence that stops the whole application for the migrations", () => {
  it.each([
    "Stop all web and worker processes before running the migrations.",
    "You must shut down the application before applying the database migrations.",
    "Before upgrading, stop every instance of the app.",
    "Please stop the server prior to running `manage.py migrate`.",
    "Apply the migrations with the application stopped.",
    "This release requires downtime.",
    "Upgrading to 2.0 requires a short downtime: plan a maintenance window.",
    "Downtime is required for this upgrade.",
    "Stop the web server and the Celery workers, then run the migrations.",
    "Bring down all containers before the schema upgrade.",
  ])("%s", (sentence) => expect(prescribesDowntime(sentence)).toBe(true));

  it.each([
    ["only says to run them", "Run the migrations after upgrading."],
    ["only says to back up", "Back up your database first, then apply the migrations."],
    ["online: migrate before restarting", "There are new database migrations; they are backwards-compatible, so please apply them before restarting your webservers and stator processes."],
    ["negated", "You do not need to stop the server before migrating."],
    ["no downtime", "These migrations require no downtime."],
    ["zero-downtime", "The upgrade is zero-downtime: stop nothing before migrating."],
    ["left to the reader", "You can stop the application before migrating if the tables are large."],
    ["the web server alone: workers keep running", "Stop the web server before running the migrations."],
    ["the database, not the application", "Stop the database server before upgrading PostgreSQL."],
    ["a stop after the migration", "Run the migrations, and stop the old instances after the new ones are up."],
    ["a consequence, not a prescription", "Applying them while your site is live may cause the deadlock detector to trigger."],
    ["workers alone", "Stop the workers before running the migrations."],
    ["one component's processes", "Stop all Celery processes before running the migrations."],
    ["part left running", "Stop the application's workers before migrating; it is fine to leave the webservers running."],
  ])("%s", (_, sentence) => expect(prescribesDowntime(sentence)).toBe(false));
});

// the project's own names (repository/project-names.ts): Octavia's repository and its setup.cfg's [metadata] name
const OCTAVIA = new Set(["octavia"]);

describe("prescribesDowntime with the project's names: the project named for the application", () => {
  it.each([
    "Stop all Octavia processes before running the database migrations.",
    "Stop all octavia services before upgrading the database.",
    "Before upgrading, shut down every Octavia instance.",
    "Stop the Octavia API and workers, then run octavia-db-manage upgrade head.",
    "Stop Octavia before running the migrations.",
    "Stop all of Octavia's services prior to running the migrations.",
  ])("%s", (sentence) => {
    expect(prescribesDowntime(sentence, OCTAVIA)).toBe(true);
    // without the names, a word before "processes" that is no determiner is a component's
    if (/all (?:Octavia|octavia) /.test(sentence)) expect(prescribesDowntime(sentence)).toBe(false);
  });

  it.each([
    ["one component named after the project", "Stop the octavia-worker to run the migrations before the API."],
    ["one component named after the project, then migrate", "Stop the octavia-worker before running the migrations."],
    ["a process of another name beside the project's", "Stop all Octavia health-manager processes before running the migrations."],
    ["the API alone", "Stop the Octavia API before running the migrations."],
    ["another project's name", "Stop all Neutron processes before running the migrations."],
    ["a sentence about something else", "Stop Octavia from creating new amphorae before running the migrations."],
    ["negated", "You do not need to stop all Octavia processes before migrating."],
    ["a stop after the migration", "Run the migrations, then stop all Octavia processes."],
  ])("%s", (_, sentence) => expect(prescribesDowntime(sentence, OCTAVIA)).toBe(false));
});

describe("stopsFirst: a list item that starts by stopping the application", () => {
  it.each(["Temporarily stopping all instances of the webserver and Stator", "First, stop the application.", "Stop all services"])("%s", (item) => expect(stopsFirst(item)).toBe(true));
  it.each([
    "Restarting the instances of webserver and Stator",
    "Applying the migration",
    "Do not stop the server",
    "Stop the web server",
    // takahe's 0.6 notes: the workers alone
    "Stop all Stator processes (it's fine to leave webservers going)",
  ])("%s", (item) => expect(stopsFirst(item)).toBe(false));

  it("Octavia's cold upgrade: every process of the project, gracefully; not one of its parts", () => {
    expect(stopsFirst("Gracefully stop all Octavia processes. We recommend in this order: Housekeeping, Health manager, API, Worker.", OCTAVIA)).toBe(true);
    expect(stopsFirst("Gracefully stop all Octavia processes.")).toBe(false);
    expect(stopsFirst("Gracefully stop the octavia-worker.", OCTAVIA)).toBe(false);
  });
});

// octavia's doc/source/admin/guides/upgrade.rst (the cold upgrade's steps)
const OCTAVIA_UPGRADE = `Cold upgrade
============

#. Run the :ref:\`octavia-status upgrade check <octavia-status-checks>\`
   command to validate that Octavia is ready for upgrade.

#. Gracefully stop all Octavia processes. We recommend in this order:
   Housekeeping, Health manager, API, Worker.

#. Optional: Make a backup of the database.

#. Run \`\`octavia-db-manage upgrade head\`\` from any Octavia node to upgrade the
   database and run any corresponding database migrations.

#. Start all Octavia processes.
`;

// takahe's docs/releases/0.10.rst as 7f483af8d3 added it (the tail)
const TAKAHE_010 = `0.9
===

*Released: Not Yet Released*

This release's major changes:

* Stator, the background task system, has been significantly reworked to require
  smaller indexes, spend less time scheduling.


Upgrade Notes
-------------

Migrations
~~~~~~~~~~

There are new database migrations; they are backwards-compatible, but contain
very significant index changes to all of the main tables that may cause the
PostgreSQL deadlock detector to trigger if you attempt to apply them while your
site is live.

We recommend:

* Temporarily stopping all instances of the webserver and Stator
* Applying the migration (should be less than a few minutes on most installs)
* Restarting the instances of webserver and Stator
`;

describe("downtimeNote: the place in a note that prescribes downtime", () => {
  it("takahe's 0.10 notes: the list that stops web and Stator, then migrates, quoted with its lines", () => {
    expect(downtimeNote("docs/releases/0.10.rst", TAKAHE_010, every, "the notes")).toEqual({
      path: "docs/releases/0.10.rst",
      line: 25,
      what: 'the notes (under "0.9 > Upgrade Notes > Migrations") stop the application for the migrations: "Temporarily stopping all instances of the webserver and Stator", then (line 26) "Applying the migration (should be less than a few minutes on most installs)"',
      reason: "nothing serves while its migrations run",
    });
  });

  it("the same steps without the stop, or with the migration before it, are no downtime", () => {
    expect(downtimeNote("docs/releases/0.10.rst", TAKAHE_010.replace("* Temporarily stopping all instances of the webserver and Stator\n", ""), every, "the notes")).toBeUndefined();
    const reordered = TAKAHE_010.replace(/(\* Temporarily.*\n)(\* Applying.*\n)/, "$2$1");
    expect(downtimeNote("docs/releases/0.10.rst", reordered, every, "the notes")).toBeUndefined();
  });

  it("octavia's upgrade guide: the project's processes stopped, then octavia-db-manage, with the project's names only", () => {
    expect(downtimeNote("doc/source/admin/guides/upgrade.rst", OCTAVIA_UPGRADE, every, "the notes", OCTAVIA)).toMatchObject({
      line: 7,
      what: expect.stringContaining('stop the application for the migrations: "Gracefully stop all Octavia processes.'),
    });
    expect(downtimeNote("doc/source/admin/guides/upgrade.rst", OCTAVIA_UPGRADE, every, "the notes")).toBeUndefined();
  });

  it("a stop in a code block is not prose", () => {
    const md = "## Upgrading\n\n```text\nStop all services before running the migrations.\n```\n";
    expect(downtimeNote("UPGRADING.md", md, every, "the notes")).toBeUndefined();
    expect(downtimeNote("UPGRADING.md", md.replace(/```text\n|```\n/g, ""), every, "the notes")).toMatchObject({ line: 3, what: expect.stringContaining('"Stop all services before running the migrations."') });
  });

  it("a Markdown changelog: only the entry the change wrote counts, not an older release's", () => {
    const base = "# Changelog\n\n## 1.4\n\n- Stop all services before running the migrations of this release.\n";
    const head = "# Changelog\n\n## 1.5\n\n- Faster search.\n\n## 1.4\n\n- Stop all services before running the migrations of this release.\n";
    const added = addedLines(base, head);
    expect(downtimeNote("CHANGELOG.md", head, (l) => added.has(l), "the notes")).toBeUndefined();
    const written = head.replace("- Faster search.", "- Faster search. This release requires downtime.");
    const now = addedLines(base, written);
    expect(downtimeNote("CHANGELOG.md", written, (l) => now.has(l), "the notes")).toMatchObject({ line: 5, what: expect.stringContaining('(under "Changelog > 1.5")') });
  });

  it("Markdown list steps across a nested code block", () => {
    const md = "## Upgrade to 3.0\n\n1. Stop the application:\n   ```sh\n   systemctl stop app\n   ```\n2. Run `bin/app migrate`.\n3. Start it again.\n";
    expect(downtimeNote("docs/upgrade.md", md, every, "the notes")).toMatchObject({ line: 3, what: expect.stringContaining('then (line 7) "Run bin/app migrate."') });
  });
});

describe("doc prose", () => {
  it("rst: titles, bullet items by their lines, literal blocks left out, inline markup reduced", () => {
    const rst = "Title\n=====\n\nRun this::\n\n    stop everything\n\n* one ``code`` item\n  continued\n* `two <https://x>`_\n";
    const blocks = proseBlocks("x.rst", rst);
    expect(blocks.map((b) => [b.kind, b.headings, b.lines])).toEqual([
      ["paragraph", ["Title"], [{ line: 4, text: "Run this:" }]],
      ["item", ["Title"], [{ line: 8, text: "one code item" }, { line: 9, text: "continued" }]],
      ["item", ["Title"], [{ line: 10, text: "two" }]],
    ]);
    expect(blocks[1]!.list).toBe(blocks[2]!.list);
  });

  it("sentences keep the lines they span", () => {
    const [block] = proseBlocks("a.md", "First one, e.g. this.\nSecond\none.\n");
    expect(sentencesOf(block!).map((s) => [s.text, s.lines])).toEqual([
      ["First one, e.g. this.", [1]],
      ["Second one.", [2, 3]],
    ]);
  });
});

describe("addedLines", () => {
  it("a new file is written whole; a modified one only where the diff does not keep the base's lines", () => {
    expect([...addedLines(undefined, "a\nb")]).toEqual([1, 2]);
    expect([...addedLines("a\nb\nc\nd", "a\nx\nb\nc\ny\nd")]).toEqual([2, 5]);
    expect([...addedLines("a\nb", "a\nb")]).toEqual([]);
  });
});
