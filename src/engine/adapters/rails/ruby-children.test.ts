/**
 * @ruby/prism's `compactChildNodes()` (and its Visitor, built on it) loses a `case`'s `when`s, a `rescue`'s
 * exception list and a method's parameters. Each walker below reads through `rubyChildren`/`RubyVisitor`:
 * what hides under a `when`, a `rescue` list or a parameter default is still seen.
 */
import { BlockNode, CallNode, CaseNode, type Node } from "@ruby/prism";
import { loadRubyParser, parseRuby } from "./prism.js";
import { rubyChildren } from "./ruby-children.js";
import { literalNames } from "./literal-names.js";
import { readInflections } from "./project-inflections.js";
import { insertsOnly } from "./inserts-only.js";
import { RubySource } from "./ruby-source.js";
import { gemfileGems } from "../../repository/gemfile.js";
import { explicitSetting } from "../../repository/rails-insert-settings.js";
import { bootMigration } from "../../deploy/rails-boot-migration.js";
import { rubyStringLiterals } from "../../rules/support/ruby-strings.js";
import { readRailsModels } from "../../code/rails-models.js";
import { guardsOtherDatabase } from "./other-database.js";
import { classifyDataCall, modelTables } from "./data-calls.js";
import { parseRails } from "./test-helpers.js";
import { loadAdapters } from "../index.js";
import { schemaRbMigration } from "../../production/schema-rb-model.js";
import { rubyMoved } from "../../rules/support/moved-ruby-code.js";
import { railsCallOptions, rubyUnits } from "../../review/history/ruby-units.js";
import { schemaRbColumnLines } from "../../review/guards/schema-rb-column-lines.js";
import { schemaRbShape } from "../../review/dumps/schema-rb.js";
import { schemaRbOperations } from "../../repository/schema-rb-operations.js";
import { MAX_TREE_DEPTH, TooComplexError } from "../../limits.js";

beforeAll(() => loadRubyParser());

/** terms of `a + a + ...`, deeper than MAX_TREE_DEPTH (limits.ts) */
const MAX_DEPTH_PROBE = MAX_TREE_DEPTH + 50;

const first = <T extends Node>(root: Node, type: abstract new (...args: never[]) => T): T => {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node instanceof type) return node;
    stack.push(...rubyChildren(node).reverse());
  }
  throw new Error(`no ${type.name} in the tree`);
};

describe("rubyChildren", () => {
  it("has what compactChildNodes drops: when clauses, rescue exceptions, parameters", () => {
    const root = parseRuby("def m(a, b = X1, d: X2); end\ncase y\nwhen X3 then 1\nend\nbegin\nrescue X4, X5\nend\n").value;
    const seen = new Set<string>();
    const stack: Node[] = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.constructor.name === "ConstantReadNode") seen.add((node as unknown as { name: string }).name);
      stack.push(...rubyChildren(node));
    }
    expect([...seen].sort()).toEqual(["X1", "X2", "X3", "X4", "X5"]);
  });
});

describe("walkers see inside case/when, rescue lists and parameter defaults", () => {
  it("literalNames: a table named under a when", () => {
    expect(literalNames(parseRuby('case ENV["X"]\nwhen "a" then create_table :hidden_table\nend\n').value)).toContain("hidden_table");
  });

  it("literalNames: a table named in a parameter default", () => {
    expect(literalNames(parseRuby("def up(table = :default_table); drop_table table; end\n").value)).toContain("default_table");
  });

  it("readInflections: an irregular plural declared under a when", () => {
    const file = { path: "config/initializers/inflections.rb", content: 'ActiveSupport::Inflector.inflections(:en) do |inflect|\n  case I18n.locale\n  when :en then inflect.irregular "criterion", "criteria"\n  end\nend\n' };
    expect(readInflections(file).irregular).toEqual([["criterion", "criteria"]]);
  });

  it("insertsOnly: an update under a when is a write, not only inserts", () => {
    const block = first(parseRuby("User.find_each do |u|\n  case u.kind\n  when 1 then Account.update_all(active: false)\n  end\n  Log.create!(user_id: u.id)\nend\n").value, BlockNode);
    expect(insertsOnly(block)).toBe(false);
  });

  it("textWithHeredocs: a heredoc opened under a when keeps its body", () => {
    const code = "execute(case x when 1 then <<~SQL end)\n  DROP TABLE a\nSQL\n";
    const node = first(parseRuby(code).value, CaseNode);
    expect(new RubySource(code).textWithHeredocs(node)).toContain("DROP TABLE a");
  });

  it("the depth limit: a chain thousands deep under a when", () => {
    expect(() => parseRuby(`case x\nwhen 1 then ${Array(MAX_DEPTH_PROBE).fill("a").join(" + ")}\nend\n`)).toThrow(TooComplexError);
  });

  it("gemfileGems (RubyVisitor): a gem under a when", () => {
    expect(gemfileGems('case ENV["DB"]\nwhen "postgres" then gem "pg"\nend\n')).toContain("pg");
  });

  it("explicitSetting: partial_inserts set under a when", () => {
    const file = { path: "config/application.rb", content: "case ENV[\"MODE\"]\nwhen \"a\" then config.active_record.partial_inserts = false\nend\n" };
    expect(explicitSetting([file])).toEqual({ on: false, path: "config/application.rb" });
  });

  it("bootMigration: migrations applied on boot under a when", () => {
    const file = { path: "config/initializers/migrate.rb", content: 'case ENV["ROLE"]\nwhen "web" then ActiveRecord::Tasks::DatabaseTasks.migrate\nend\n' };
    expect(bootMigration(file)?.call).toBe("ActiveRecord::Tasks::DatabaseTasks.migrate");
  });

  it("bootMigration: migrations applied on boot in a rescue list", () => {
    const file = { path: "config/initializers/migrate.rb", content: "begin\n  warm\nrescue (ActiveRecord::Tasks::DatabaseTasks.migrate; StandardError)\nend\n" };
    expect(bootMigration(file)?.line).toBe(3);
  });

  it("rubyStringLiterals (RubyVisitor): SQL under a when", () => {
    expect(rubyStringLiterals('case x\nwhen 1 then execute "DROP TABLE a"\nend\n')).toContain("DROP TABLE a");
  });

  it("readRailsModels (RubyVisitor): ignored_columns set under a when", () => {
    const content = 'class User < ApplicationRecord\n  case ENV["PHASE"]\n  when "2" then self.ignored_columns = ["legacy"]\n  end\nend\n';
    expect(readRailsModels([{ path: "app/models/user.rb", content }]).flatMap((m) => m.ignoredColumns.map((c) => c.name))).toEqual(["legacy"]);
  });

  it("guardsOtherDatabase: a condition that names MySQL under a when", () => {
    const predicate = first(parseRuby('if (case ENV["DB"] when "mysql" then true end)\n  execute "x"\nend\n').value, CaseNode);
    expect(guardsOtherDatabase(predicate)).toBe(true);
  });

  const DUMP = 'case ENV["DUMP"]\nwhen "a"\n  ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\n    create_table "users" do |t|\n      t.string "email"\n    end\n  end\nend\n';

  it("schemaRbColumnLines (RubyVisitor): a create_table under a when", () => {
    expect(schemaRbColumnLines(DUMP).get("users")?.get("email")).toBe(5);
  });

  it("schemaRbShape: a define block under a when", () => {
    expect(schemaRbShape(DUMP)).toContain("create_table");
  });

  it("schemaRbOperations (RubyVisitor): a define block under a when", () => {
    expect(schemaRbOperations("db/schema.rb", DUMP).map((op) => op.kind)).toContain("create_table");
  });
  it("classifyDataCall: a loop whose only write sits under a when is a loop that deletes", () => {
    const root = parseRuby("Document.find_each do |d|\n  case d.kind\n  when 1 then d.destroy!\n  end\nend\n").value;
    const loop = rubyChildren(rubyChildren(root)[0])[0] as CallNode;
    expect(classifyDataCall(loop, modelTables(new Map()))).toMatchObject({ kind: "loop", table: "documents", writes: ["documents"], deletes: [{ table: "documents" }] });
  });

  it("railsMigration: a string left open under a when is reported where it opens", async () => {
    const content = 'class Broken < ActiveRecord::Migration[7.1]\n  def change\n    case x\n    when 1 then execute "SELECT 1\n    end\n  end\nend\n';
    const m = await parseRails(content);
    expect(m.syntaxErrors?.[0]?.line).toBe(4);
  });

  it("railsCallOptions: a column option under a when counts", () => {
    expect(railsCallOptions(["create_table :a do |t|\n  case x\n  when 1 then t.string :b, null: false\n  end\nend\n"])).toContain("null=false");
  });
  it("schemaRbMigration (RubyVisitor): a define block under a when", async () => {
    await loadAdapters(["rails", "sql"]);
    expect(schemaRbMigration("db/schema.rb", DUMP)?.up.map((op) => `${op.kind}@${op.loc.line}`)).toEqual(["create_table@4"]);
  });
  it("rubyMoved: a statement moved to its own migration carries the stub model it reads under a when", async () => {
    const source = 'class Foo < ActiveRecord::Migration[7.1]\n  class Account < ActiveRecord::Base; end\n\n  def up\n    case ENV["X"]\n    when "1" then add_column :accounts, :a, :integer, default: Account.count\n    end\n    drop_table :old\n  end\nend\n';
    const { up } = await parseRails(source);
    const moved = rubyMoved(source, up.filter((op) => op.kind === "add_column"), up.filter((op) => op.kind === "drop_table"));
    expect(moved).toMatchObject({ definitions: ["class Account < ActiveRecord::Base; end"] });
  });
  it("rubyUnits: a helper called under a when runs on the side of its caller", () => {
    const source = 'class Foo < ActiveRecord::Migration[7.1]\n  def up\n    case ENV["X"]\n    when "1" then widen\n    end\n  end\n\n  def widen\n    change_column :a, :b, :bigint\n  end\nend\n';
    expect(rubyUnits(source)?.find((u) => u.key === "def widen")?.side).toBe("up");
  });
});
