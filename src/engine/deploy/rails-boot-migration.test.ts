/**
 * A Rails application that migrates itself at boot from an initializer (docuseal's config/initializers/migrate.rb,
 * one app container): offline when the repository ships it as a container and nothing shows overlap. Read with Prism.
 */
import { defaultConfig } from "../config.js";
import { decideDeploy } from "./deploy-model.js";
import { deployPaths } from "./deploy-paths.js";
import { loadDeployReaders } from "./deploy-readers.js";

const auto = defaultConfig();
const files = (all: Record<string, string>) => Object.entries(all).map(([path, content]) => ({ path, content }));
const initializer = (body: string) => `# frozen_string_literal: true\n\n${body}\n`;
const DOCUSEAL = {
  Dockerfile: 'FROM ruby:3.4-alpine\nENV RAILS_ENV=production\nCMD ["/app/bin/bundle", "exec", "puma", "-C", "/app/config/puma.rb", "--dir", "/app"]\n',
  "docker-compose.yml": "services:\n  app:\n    image: docuseal/docuseal:latest\n    ports:\n      - 3000:3000\n",
  "config/initializers/migrate.rb": initializer(
    "Rails.configuration.to_prepare do\n  ActiveRecord::Tasks::DatabaseTasks.migrate if ENV['RAILS_ENV'] == 'production' && ENV['RUN_MIGRATIONS'] != 'false'\nend",
  ),
};

beforeAll(() => loadDeployReaders());

describe("a Rails initializer that migrates at boot (docuseal)", () => {
  it("reads DatabaseTasks.migrate in a to_prepare block, shipped as one container, as offline, naming the call's line", () => {
    expect(decideDeploy(auto, files(DOCUSEAL))).toMatchObject({
      mode: "offline",
      offline: { path: "config/initializers/migrate.rb", line: 4, what: expect.stringContaining("`ActiveRecord::Tasks::DatabaseTasks.migrate` in an initializer") },
    });
  });

  it.each([
    ["a migration context", "ActiveRecord::Base.connection_pool.migration_context.migrate"],
    ["MigrationContext.new", 'ActiveRecord::MigrationContext.new(Rails.root.join("db/migrate")).migrate'],
    ["the Rake task", 'Rake::Task["db:migrate"].invoke'],
    ["an else branch of a development-only condition", "if Rails.env.development?\n  puts 'run bin/rails db:migrate'\nelse\n  ActiveRecord::Tasks::DatabaseTasks.migrate\nend"],
  ])("reads %s as migrating at boot", (_, body) => {
    expect(decideDeploy(auto, files({ ...DOCUSEAL, "config/initializers/migrate.rb": initializer(body) })).mode).toBe("offline");
  });

  it.each([
    ["a method nobody calls at boot", "module Migrations\n  def self.run\n    ActiveRecord::Tasks::DatabaseTasks.migrate\n  end\nend"],
    ["a development-only condition", "ActiveRecord::Tasks::DatabaseTasks.migrate if Rails.env.development?"],
    ["a comment", "# ActiveRecord::Tasks::DatabaseTasks.migrate"],
    ["another Rake task", 'Rake::Task["assets:precompile"].invoke'],
    ["Ruby that does not parse", "ActiveRecord::Tasks::DatabaseTasks.migrate(("],
  ])("stays online for %s", (_, body) => {
    expect(decideDeploy(auto, files({ ...DOCUSEAL, "config/initializers/migrate.rb": initializer(body) })).mode).toBe("online");
  });

  it("stays online without a container, or when a release phase migrates while the old dynos serve", () => {
    expect(decideDeploy(auto, files({ "config/initializers/migrate.rb": DOCUSEAL["config/initializers/migrate.rb"] })).mode).toBe("online");
    expect(decideDeploy(auto, files({ ...DOCUSEAL, Procfile: "release: bin/rails db:migrate\nweb: puma\n" })).mode).toBe("online");
  });

  it("selects initializers named for migrating, not the others", () => {
    expect(deployPaths(["config/initializers/migrate.rb", "config/initializers/auto_migrations.rb", "config/initializers/sidekiq.rb", "config/application.rb"])).toEqual([
      "config/initializers/auto_migrations.rb",
      "config/initializers/migrate.rb",
    ]);
  });
});
