/**
 * The tenth replay's dropped-object-still-used false alarms (bikeindex/bike_index 41c027b14a and e6cabc5de3,
 * mozilla/kitsune 4d20e08409 and c92ee8a3e5) through `migguard review`: a use must reach the model's column (job
 * arguments, data-hash keys, a concern the model does not include, another model's query or record are no use),
 * a name a later migration of the change gives a new column lives on, and the fix says what the operation needs.
 * True uses stay errors.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import {
  alertsBase,
  alertsDrop,
  alertsTrueUse,
  stolenBase,
  stolenRename,
  stolenTrueUse,
  ticketsBase,
  ticketsRename,
  ticketsTrueUse,
  topicForeignKey,
  topicRename,
  topicsBase,
} from "./support/replay10-usages.js";

async function usedFindings(base: Record<string, string>, change: Record<string, string>) {
  const repo = featureBranchOn(base);
  repo.write(change).commit("change");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "dropped-object-still-used");
}

describe("dropped-object-still-used: uses must reach the model's column (tenth replay)", () => {
  it("Rails: job arguments named after the column (def perform(theft_alert_id), a case on it) are no use: nothing reported", async () => {
    expect(await usedFindings(alertsBase, alertsDrop)).toEqual([]);
  });

  it("Rails: a record of the model reading the dropped column stays an error whose fix ignores it first", async () => {
    const found = await usedFindings({ ...alertsBase, ...alertsTrueUse }, alertsDrop);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("app/controllers/user_alerts_controller.rb:4");
    expect(found[0].message).not.toContain("app/jobs");
    expect(found[0].fix).toContain('self.ignored_columns += ["theft_alert_id"]');
  });

  it("Rails: a concern the model does not include, hash keys, seed data and another model's serializer are no use of a renamed column", async () => {
    expect(await usedFindings(stolenBase, stolenRename)).toEqual([]);
  });

  it("Rails: a record of the model still reading the old name is an error, and the fix moves it to the new name rather than dropping", async () => {
    const found = await usedFindings({ ...stolenBase, ...stolenTrueUse }, stolenRename);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("app/controllers/stolen_records_controller.rb:4");
    expect(found[0].message).not.toMatch(/geocodeable|serializer|seeds|address_display/);
    expect(found[0].fix).toContain("Move app/controllers/stolen_records_controller.rb:4 to postal_code");
    expect(found[0].fix).not.toContain("remove_column");
    expect(found[0].fix).not.toContain("ignored_columns");
  });

  it("Rails: a data hash given to a call through a local may reach the model: a warning to check, not silence", async () => {
    const seed = { "db/seeds/stolen.rb": 'attrs = {street: "50 Fremont St", zipcode: "94105"}\nStolenRecord.create!(**attrs)\n' };
    const found = await usedFindings({ ...stolenBase, ...seed }, stolenRename);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain("db/seeds/stolen.rb:1");
    expect(found[0].message).not.toContain("db/seeds.rb");
  });

  it("Rails: the model defines a method of the old name (alias_attribute): a record calling it reaches that method, not the column", async () => {
    const model = { "app/models/stolen_record.rb": "class StolenRecord < ApplicationRecord\n  include Geocodeable\n  alias_attribute :zipcode, :postal_code\nend\n" };
    expect(await usedFindings({ ...stolenBase, ...stolenTrueUse }, { ...stolenRename, ...model })).toEqual([]);
    // a query argument still names the column itself
    const query = { "app/reports/by_zip.rb": "class ByZip\n  def call(zip)\n    StolenRecord.where(zipcode: zip).count\n  end\nend\n" };
    const found = await usedFindings({ ...stolenBase, ...query }, { ...stolenRename, "app/models/stolen_record.rb": "class StolenRecord < ApplicationRecord\n  def zipcode\n    postal_code\n  end\nend\n" });
    expect(found.map((f) => f.message.includes("app/reports/by_zip.rb:3"))).toEqual([true]);
    expect(found[0].message).not.toContain("app/models/stolen_record.rb");
  });

  it("Django: another model's status (its query, its records, a function's keyword, a response's status) is no use of the renamed field", async () => {
    expect(await usedFindings(ticketsBase, ticketsRename)).toEqual([]);
  });

  it("Django: a query rooted at the model on the old name is an error whose fix renames, not 'the migration that drops the column'", async () => {
    const found = await usedFindings({ ...ticketsBase, ...ticketsTrueUse }, ticketsRename);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("customercare/report.py:5");
    expect(found[0].message).not.toMatch(/tasks\.py|views\.py/);
    expect(found[0].fix).toContain("to submission_status in this change");
    expect(found[0].fix).not.toContain("drops the column");
  });

  it("Django: the model defines a property of the old name: a record reading it calls the property; a query on the old name stays an error", async () => {
    const model = {
      "customercare/models.py": `from django.db import models


class SupportTicket(models.Model):
    submission_status = models.CharField(max_length=20)

    @property
    def status(self):
        return self.submission_status
`,
    };
    const reader = { "customercare/badge.py": "from customercare.models import SupportTicket\n\n\ndef badge(support_ticket: SupportTicket):\n    return support_ticket.status.upper()\n" };
    expect(await usedFindings({ ...ticketsBase, ...reader }, { ...ticketsRename, ...model })).toEqual([]);
    const found = await usedFindings({ ...ticketsBase, ...reader, ...ticketsTrueUse }, { ...ticketsRename, ...model });
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("customercare/report.py:5");
    expect(found[0].message).not.toContain("badge.py");
  });

  it("Django: the change's next migration adds a ForeignKey of the renamed field's name: its uses are the new field's", async () => {
    expect(await usedFindings(topicsBase, { ...topicRename, ...topicForeignKey })).toEqual([]);
  });

  it("Django: without that migration the same code reads the renamed field: an error", async () => {
    const found = await usedFindings(topicsBase, topicRename);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("products/utils.py:5");
  });
});
