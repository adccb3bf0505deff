/**
 * The tenth replay's dropped-object-still-used patterns (bikeindex/bike_index, mozilla/kitsune) as small
 * repositories: the base branch's files and the pull request's, for `migguard review` and the App alike.
 */
const railsMigration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`;

/** bike_index 41c027b14a: user_alerts.theft_alert_id goes; Sidekiq jobs take a theft_alert_id argument to look up a TheftAlert. */
export const alertsBase: Record<string, string> = {
  "db/migrate/20240101000000_create_user_alerts.rb": railsMigration("CreateUserAlerts", "create_table :user_alerts do |t|\n      t.bigint :theft_alert_id\n    end"),
  "db/migrate/20240101000001_create_theft_alerts.rb": railsMigration("CreateTheftAlerts", "create_table :theft_alerts"),
  "app/models/user_alert.rb": "class UserAlert < ApplicationRecord\nend\n",
  "app/models/theft_alert.rb": "class TheftAlert < ApplicationRecord\nend\n",
  "app/jobs/activate_theft_alert_job.rb": `class ActivateTheftAlertJob < ApplicationJob
  def perform(theft_alert_id, force_activate = false)
    theft_alert = TheftAlert.find(theft_alert_id)
    theft_alert.update(force: force_activate)
  end
end
`,
  "app/jobs/update_theft_alert_job.rb": `class UpdateTheftAlertJob < ApplicationJob
  def perform(theft_alert_id = nil)
    case theft_alert_id
    when nil then nil
    else ActivateTheftAlertJob.perform_async(theft_alert_id)
    end
  end
end
`,
};

export const alertsDrop = {
  "db/migrate/20260805093756_remove_theft_alert_id_from_user_alerts.rb": railsMigration("RemoveTheftAlertIdFromUserAlerts", "remove_column :user_alerts, :theft_alert_id, :bigint"),
};

/** A true use: a record of the model reads the column. */
export const alertsTrueUse = {
  "app/controllers/user_alerts_controller.rb": "class UserAlertsController < ApplicationController\n  def show\n    user_alert = UserAlert.find(params[:id])\n    render json: user_alert.theft_alert_id\n  end\nend\n",
};

/**
 * bike_index e6cabc5de3: stolen_records.zipcode becomes postal_code. StolenRecord includes Geocodeable; the
 * legacy concern that reads a bare zipcode is Location's; address hashes and seed data have zipcode keys.
 */
export const stolenBase: Record<string, string> = {
  "db/migrate/20240101000000_create_stolen_records.rb": railsMigration("CreateStolenRecords", "create_table :stolen_records do |t|\n      t.string :zipcode\n    end"),
  "db/migrate/20240101000001_create_locations.rb": railsMigration("CreateLocations", "create_table :locations do |t|\n      t.string :zipcode\n    end"),
  "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n",
  "app/models/stolen_record.rb": "class StolenRecord < ApplicationRecord\n  include Geocodeable\nend\n",
  "app/models/location.rb": "class Location < ApplicationRecord\n  include GeocodeableLegacy\nend\n",
  "app/models/concerns/geocodeable.rb": "module Geocodeable\n  extend ActiveSupport::Concern\n\n  def address_hash_legacy\n    l_hash = address_hash.dup\n    l_hash[:zipcode] = l_hash.delete(:postal_code)\n    l_hash\n  end\nend\n",
  "app/models/concerns/geocodeable_legacy.rb": `module GeocodeableLegacy
  extend ActiveSupport::Concern

  included do
    validates :zipcode, length: {maximum: 10}
  end

  class << self
    def location_attrs
      %w[street city zipcode].freeze
    end
  end

  def clean_zipcode
    self.zipcode = zipcode.strip if zipcode.present?
  end
end
`,
  "app/serializers/location_serializer.rb": "class LocationSerializer < ApplicationSerializer\n  attributes :street, :zipcode\nend\n",
  "app/components/address_display.rb": `class AddressDisplay
  def initialize(address)
    @address = address
  end

  def line
    [@address["city"], @address[:zipcode]].compact.join(" ")
  end

  def header(kind)
    case kind
    when "zipcode" then "Postal code"
    end
  end
end
`,
  "db/seeds.rb": 'locations = [\n  {street: "50 Fremont St", zipcode: "94105"}\n]\nlocations.each { |loc| puts loc[:zipcode] }\n',
};

export const stolenRename = {
  "db/migrate/20260725155259_rename_stolen_record_zipcode.rb": railsMigration("RenameStolenRecordZipcode", "rename_column :stolen_records, :zipcode, :postal_code"),
};

/** A true use: a record of StolenRecord reads the old name. */
export const stolenTrueUse = {
  "app/controllers/stolen_records_controller.rb": "class StolenRecordsController < ApplicationController\n  def show\n    stolen_record = StolenRecord.find(params[:id])\n    render json: stolen_record.zipcode\n  end\nend\n",
};

const djangoInit = (dir: string) => ({ [`${dir}/__init__.py`]: "", [`${dir}/migrations/__init__.py`]: "" });

/** kitsune 4d20e08409: SupportTicket.status becomes submission_status; FlaggedObject keeps its own status. */
export const ticketsBase: Record<string, string> = {
  ...djangoInit("customercare"),
  ...djangoInit("flagit"),
  "customercare/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SupportTicket",
            fields=[("id", models.AutoField(primary_key=True)), ("status", models.CharField(max_length=20))],
        ),
    ]
`,
  "customercare/models.py": `from django.db import models


class SupportTicket(models.Model):
    submission_status = models.CharField(max_length=20)
`,
  "flagit/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FlaggedObject",
            fields=[("id", models.AutoField(primary_key=True)), ("status", models.IntegerField(default=0))],
        ),
    ]
`,
  "flagit/models.py": `from django.db import models


class FlaggedObject(models.Model):
    FLAG_PENDING = 0
    FLAG_ACCEPTED = 1
    status = models.IntegerField(default=0)


def flag_object(content, status=FLAG_PENDING):
    return FlaggedObject.objects.create(status=status)
`,
  "customercare/tasks.py": `from customercare.models import SupportTicket
from flagit.models import FlaggedObject, flag_object


def reject_old_spam():
    flags = FlaggedObject.objects.filter(
        status=FlaggedObject.FLAG_PENDING,
    )
    for flag in flags:
        flag.status = FlaggedObject.FLAG_ACCEPTED
        flag.save(update_fields=["status"])


def flag_ticket(ticket: SupportTicket):
    ticket.submission_status = "flagged"
    flag_object(ticket, status=FlaggedObject.FLAG_PENDING)
`,
  "customercare/views.py": `from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from customercare.models import SupportTicket
from flagit.models import FlaggedObject


def update(request, pk):
    flagged = get_object_or_404(FlaggedObject, pk=pk)
    flagged.status = request.POST.get("status")
    flagged.save()
    return HttpResponse(status=202)
`,
};

export const ticketsRename = {
  "customercare/migrations/0002_rename_status_supportticket_submission_status.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("customercare", "0001_initial")]

    operations = [migrations.RenameField(model_name="supportticket", old_name="status", new_name="submission_status")]
`,
};

/** A true use: a query rooted at SupportTicket still filters on the old name. */
export const ticketsTrueUse = {
  "customercare/report.py": `from customercare.models import SupportTicket


def pending():
    return SupportTicket.objects.filter(status="pending")
`,
};

/** kitsune c92ee8a3e5: ZendeskTopic.topic (a CharField) becomes form_title, and the next migration adds a ForeignKey topic. */
export const topicsBase: Record<string, string> = {
  ...djangoInit("products"),
  "products/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Topic", fields=[("id", models.AutoField(primary_key=True)), ("title", models.CharField(max_length=100))]),
        migrations.CreateModel(name="ZendeskTopic", fields=[("id", models.AutoField(primary_key=True)), ("topic", models.CharField(max_length=100))]),
    ]
`,
  "products/models.py": `from django.db import models


class Topic(models.Model):
    title = models.CharField(max_length=100)


class ZendeskTopic(models.Model):
    form_title = models.CharField(max_length=100)
    topic = models.ForeignKey(Topic, null=True, on_delete=models.SET_NULL, related_name="zendesk_topics")

    def tier_tags(self):
        return [self.topic.title] if self.topic else []
`,
  "products/utils.py": `from products.models import ZendeskTopic


def linked(zendesk_topic: ZendeskTopic):
    return ZendeskTopic.objects.filter(topic__isnull=False)
`,
};

export const topicRename = {
  "products/migrations/0002_rename_topic_zendesktopic_form_title.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]

    operations = [migrations.RenameField(model_name="zendesktopic", old_name="topic", new_name="form_title")]
`,
};

export const topicForeignKey = {
  "products/migrations/0003_zendesktopic_topic.py": `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("products", "0002_rename_topic_zendesktopic_form_title")]

    operations = [
        migrations.AddField(
            model_name="zendesktopic",
            name="topic",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="zendesk_topics", to="products.topic"),
        ),
    ]
`,
};
