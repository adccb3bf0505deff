import { defineReviewCases } from "../../review-rule.js";
import { dropSettingFields, settingsCode, settingsOwnType, settingsQueries } from "./foreman-settings.fixture.js";
import { publicBodyModel, REMOVE_DISCLOSURE_LOG_PATH, removeDisclosureLog, temporaryTask, translatedUses } from "./alaveteli-globalize.fixture.js";

// caseflow 1158b8e8a7 (20230914210532_normalize_meeting_types): users.meeting_type gives way to a has_one of that name
const REMOVE_MEETING_TYPE = { "db/migrate/20230914210532_normalize_meeting_types.rb": "class NormalizeMeetingTypes < ActiveRecord::Migration[6.1]\n  def change\n    remove_column :users, :meeting_type, :string\n  end\nend\n" };
const CONFERENCEABLE = "module ConferenceableConcern\n  extend ActiveSupport::Concern\n\n  included do\n    has_one :meeting_type, as: :conferenceable\n  end\nend\n";
const MEETING_TYPE_USE = "class ConferenceProviderService\n  def update(user, new_conference_provider)\n    user.meeting_type.update!(service_name: new_conference_provider)\n  end\nend\n";
const removePhone = `class RemovePhoneNumber < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :phone_number, :string
  end
end
`;
const legacyReport = `class LegacyReport
  def rows
    User.pluck(:id, :phone_number)
  end
end
`;
/** the same drop under an existence check, judged against the base branch's db/schema.rb (guards-on-base.ts) */
const guardedRemovePhone = `class RemovePhoneNumber < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :phone_number, :string if column_exists?(:users, :phone_number)
  end
end
`;
const createUsersWithPhone = "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :phone_number\n    end\n  end\nend\n";
const usersSchema = (phone: boolean) =>
  `ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\n  create_table "users", force: :cascade do |t|\n${phone ? '    t.string "phone_number"\n' : ""}    t.string "email"\n  end\nend\n`;
const djangoRemove = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="user", name="phone_number"),
    ]
`;
const djangoInitial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="User",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("phone_number", models.CharField(max_length=20)),
            ],
        ),
    ]
`;

/** Netflix dispatch: an Alembic revision dropping participant.is_active; SQLAlchemy models named after their tables. */
const alembicDrop = `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "47d04a78a9e4"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.drop_column("participant", "is_active")\n\n\ndef downgrade():\n    op.add_column("participant", sa.Column("is_active", sa.Boolean))\n`;
const alembicPath = "src/dispatch/alembic/versions/47d04a78a9e4_.py";
const sqlalchemyModels = {
  "src/dispatch/service/models.py": `from sqlalchemy import Boolean, Column, Integer\n\nfrom dispatch.database.core import Base\n\n\nclass Service(Base):\n    """An on-call service; is_active says whether it pages."""\n    id = Column(Integer, primary_key=True)\n    is_active = Column(Boolean, default=True)\n`,
  "src/dispatch/service/service.py": "from .models import Service\n\n\ndef active(db_session):\n    return db_session.query(Service).filter(Service.is_active == True).all()  # noqa\n",
};
/** healthchecks: Ping.body dropped; a test stores the word in another field's bytes literal */
const pingInitial = `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n\n    operations = [migrations.CreateModel(name="Ping", fields=[("id", models.AutoField(primary_key=True)), ("body", models.TextField(null=True)), ("body_raw", models.BinaryField(null=True))])]\n`;
const pingRemove = `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("api", "0001_initial")]\n\n    operations = [migrations.RemoveField(model_name="ping", name="body")]\n`;

/** rapidpro c5a274918e: Flow.optin_dependencies (a many-to-many) removed; Flow stays. */
const flowsInitial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="OptIn", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=64))]),
        migrations.CreateModel(
            name="Flow",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=64)),
                ("optin_dependencies", models.ManyToManyField(related_name="dependent_flows", to="flows.optin")),
            ],
        ),
    ]
`;
const flowsRemove = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("flows", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="flow", name="optin_dependencies"),
    ]
`;
const flowsModels = "from django.db import models\n\n\nclass OptIn(models.Model):\n    name = models.CharField(max_length=64)\n\n\nclass Flow(models.Model):\n    name = models.CharField(max_length=64)\n    # other fields share the reverse accessor's name: declarations, not uses\n    label_dependencies = models.ManyToManyField(\"Label\", related_name=\"dependent_flows\")\n";

/** panoptes' drop of subject_groups, and a class of the model's name under app/models (a plain Ruby object, or a model) */
const dropSubjectGroups = "class DropSubjectGroups < ActiveRecord::Migration[7.0]\n  def change\n    drop_table :subject_groups\n  end\nend\n";
const subjectGroupCode = (superclass: string) => ({
  "app/models/subject_group.rb": `class SubjectGroup${superclass}\n  def self.from_member_subjects(subjects)\n    new(subjects.map(&:id))\n  end\nend\n`,
  "app/controllers/subjects_controller.rb": "class SubjectsController < ApplicationController\n  def grouped\n    render json: SubjectGroup.from_member_subjects(Subject.where(id: params[:ids]))\n  end\nend\n",
});

/** panoptes' drop of authorizations (Doorkeeper's OAuth grants and the HTTP header share the name) */
const dropAuthorizations = "class DropAuthorizationsTable < ActiveRecord::Migration[7.0]\n  def change\n    drop_table :authorizations\n  end\nend\n";
const authorizationWords = {
  "app/services/talk_api_client.rb": 'class TalkApiClient\n  def request(req, token)\n    req.headers["Authorization"] = "Bearer #{token}"\n    req.headers.fetch("Authorization")\n  end\n\n  def grouped(authorizations)\n    @authorizations = authorizations\n    render json: { authorizations: authorizations.size }, status: :ok\n  end\nend\n',
  "config/routes.rb": "Rails.application.routes.draw do\n  use_doorkeeper do\n    controllers authorizations: 'authorizations'\n  end\n  resources :authorizations\nend\n",
  "app/controllers/errors_controller.rb": "class ErrorsController < ApplicationController\n  def show = render(plain: 'No Authorization given, check your authorizations')\nend\n",
};

/** panoptes' drop of aggregations.subject_id and aggregations.aggregation: subject_id is a column of many tables */
const dropAggregationColumns = "class RefactorAggregationModel < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :aggregations, :subject_id, :integer\n    remove_column :aggregations, :aggregation, :jsonb\n  end\nend\n";
const otherTablesSubjectId = {
  "app/models/set_member_subject.rb": "class SetMemberSubject < ApplicationRecord\n  belongs_to :subject\nend\n",
  "app/models/gold_standard_annotation.rb": "class GoldStandardAnnotation < ApplicationRecord\n  belongs_to :subject\nend\n",
  "app/controllers/aggregations_controller.rb": "class AggregationsController < ApplicationController\n  def unavailable = json_api_render(:service_unavailable, 'The aggregation service is unavailable or not responding')\nend\n",
  "app/controllers/subject_sets_controller.rb": "class SubjectSetsController < ApplicationController\n  def unlink(resource, ids)\n    resource.set_member_subjects.where(subject_id: ids).delete_all\n  end\nend\n",
  "app/workers/counter_worker.rb":
    'class CounterWorker\n  def count(ids)\n    ActiveRecord::Base.connection.select_all(<<~SQL)\n      SELECT count(*) FROM subject_workflow_counts swc\n      INNER JOIN classification_subjects cs ON cs.subject_id = swc.subject_id\n    SQL\n    SetMemberSubject.where(id: ids).pluck("set_member_subjects.subject_id")\n  end\nend\n',
  "lib/subjects/remover.rb": "module Subjects\n  class Remover\n    attr_reader :subject_id\n\n    def initialize(subject_id)\n      @subject_id = subject_id\n    end\n\n    def focus = { focus_id: subject_id }\n  end\nend\n",
  "app/operations/retire_subjects.rb": "class RetireSubjects < Operation\n  integer :subject_id, default: nil\nend\n",
  "lib/tasks/migrate.rake": "task migrate: :environment do\n  GoldStandardAnnotation.create!(project_id: 1) do |gsa|\n    gsa.subject_id = 2\n  end\nend\n",
};


/** access-your-teaching-qualifications: the staff table (a Devise model) and dsi_users.staff, dropped as support users moved to DfE Sign-in */
const dropStaff = "class DropStaff < ActiveRecord::Migration[7.0]\n  def change\n    drop_table :staff, if_exists: true\n  end\nend\n";
const removeStaffFlag = "class RemoveStaffFromDsiUsers < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :dsi_users, :staff, :boolean\n  end\nend\n";
const staffWords = {
  "config/initializers/inflections.rb": 'ActiveSupport::Inflector.inflections(:en) do |inflect|\n  inflect.acronym "DfE"\n  inflect.uncountable %w[staff]\nend\n',
  "config/routes.rb": 'Rails.application.routes.draw do\n  namespace :support_interface, path: "/support" do\n    get "/auth/staff/callback", to: "omniauth_callbacks#staff"\n    resources :staff, only: %i[index]\n  end\nend\n',
  "app/controllers/support_interface/omniauth_callbacks_controller.rb": "class SupportInterface::OmniauthCallbacksController < ApplicationController\n  before_action :add_auth_attributes_to_session, only: :staff\n\n  def staff\n    redirect_to support_interface_path\n  end\n  alias_method :staff_bypass, :staff\nend\n",
  "config/initializers/omniauth.rb": "Rails.application.config.middleware.use OmniAuth::Builder do\n  provider :openid_connect, name: :staff, callback_path: \"/support/auth/staff/callback\"\nend\n",
  "app/helpers/application_helper.rb": 'module ApplicationHelper\n  def support_tabs\n    [{ text: "Staff", href: "/support/staff" }]\n  end\nend\n',
  "app/views/support_interface/sign_in/new.html.erb": '<h1 class="govuk-heading-l">Sign in as staff</h1>\n<%= render "staff/shared/links" %>\n',
};
const staffUsers = {
  "app/models/dsi_user.rb": "class DsiUser < ApplicationRecord\n  scope :staff, -> { where(staff: true) }\nend\n",
  "app/controllers/support_interface/staff_controller.rb": "class SupportInterface::StaffController < ApplicationController\n  def index\n    @staff = DsiUser.staff\n  end\nend\n",
  "app/views/support_interface/staff/index.html.erb": "<% @staff.find_each do |staff| %>\n  <h2><%= staff.email %></h2>\n<% end %>\n",
  "app/lib/staff_http_basic_auth_strategy.rb": "class StaffHttpBasicAuthStrategy\n  def valid?\n    !Staff.exists?\n  end\nend\n",
};

/** laa-apply-for-criminal-legal-aid: incomes.applicant_self_assessment_tax_bill moved to outgoings; the form object keeps its own attribute of the name */
const moveTaxBill = "class MoveApplicantSelfAssessmentTaxBillColumn < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :incomes, :applicant_self_assessment_tax_bill, :string\n    add_column :outgoings, :applicant_self_assessment_tax_bill, :string\n  end\nend\n";
const taxBillForm = {
  "app/models/income.rb": "class Income < ApplicationRecord\n  belongs_to :crime_application\nend\n",
  "app/models/outgoings.rb": "class Outgoings < ApplicationRecord\n  belongs_to :crime_application\nend\n",
  "app/models/crime_application.rb": "class CrimeApplication < ApplicationRecord\n  has_one :income\n  has_one :outgoings\nend\n",
  "app/forms/steps/income/client/self_assessment_tax_bill_form.rb": `module Steps
  module Income
    module Client
      class SelfAssessmentTaxBillForm < Steps::BaseFormObject
        attribute :applicant_self_assessment_tax_bill, :value_object, source: YesNoAnswer

        def self.build(crime_application)
          outgoings = crime_application.outgoings
          form = new
          form.applicant_self_assessment_tax_bill = outgoings.applicant_self_assessment_tax_bill if outgoings
          form
        end

        private

        def pays_self_assessment_tax_bill?
          applicant_self_assessment_tax_bill&.yes?
        end

        def persist!
          crime_application.create_outgoings!(
            applicant_self_assessment_tax_bill:,
          )
        end
      end
    end
  end
end
`,
};

/** A shop app whose 0002 renames one field of one model (ma-cantine's 0261, bluebottle's 0034 and 0109). */
const shopInitial = (model: string, fields: string[]) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n\n    operations = [\n        migrations.CreateModel(name="${model}", fields=[("id", models.BigAutoField(primary_key=True)), ${fields.map((f) => `("${f}", models.CharField(max_length=64))`).join(", ")}]),\n    ]\n`;
const shopRename = (model: string, from: string, to: string) =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n\n    operations = [migrations.RenameField(model_name="${model.toLowerCase()}", old_name="${from}", new_name="${to}")]\n`;
const purchaseVue = '<script>\nexport default {\n  methods: {\n    duplicate(purchase) {\n      return { family: purchase.family }\n    },\n  },\n}\n</script>\n';

/** joanie 0087's move of a relation: BatchOrder.contract removed, Contract.batch_order added, a OneToOneField or (`kind`) another relation. */
const contractInitial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Contract", fields=[("id", models.BigAutoField(primary_key=True)), ("signed_on", models.DateTimeField(null=True))]),
        migrations.CreateModel(
            name="BatchOrder",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("contract", models.ForeignKey(null=True, on_delete=models.PROTECT, to="shop.contract")),
            ],
        ),
    ]
`;
const moveContract = (kind: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="batchorder", name="contract"),
        migrations.AddField(model_name="contract", name="batch_order", field=models.${kind}(null=True, on_delete=models.PROTECT, to="shop.batchorder")),
    ]
`;
const contractModels = (kind: string) => `from django.db import models


class BatchOrder(models.Model):
    def is_signed(self):
        return self.contract.signed_on is not None


class Contract(models.Model):
    signed_on = models.DateTimeField(null=True)
    batch_order = models.${kind}(BatchOrder, null=True, on_delete=models.PROTECT)
`;
/** joanie 0069/0070: a model deleted, then created again under the same class name on a table of its own. */
const ruleInitial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="OfferingRule", fields=[("id", models.BigAutoField(primary_key=True)), ("seats", models.IntegerField(null=True))]),
    ]
`;
const deleteRule = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="OfferingRule"),
    ]
`;
const recreateRule = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_delete_offeringrule")]

    operations = [
        migrations.CreateModel(
            name="OfferingRule",
            fields=[("id", models.BigAutoField(primary_key=True)), ("nb_seats", models.IntegerField(null=True))],
            options={"db_table": "shop_offering_rule"},
        ),
    ]
`;
const ruleUse = "from shop.models import OfferingRule\n\n\ndef open_rules():\n    return OfferingRule.objects.filter(nb_seats__gt=0)\n";

/** galaxy_ng b1dd65c552: Team.users (a many-to-many, related_name "teams") removed; User's serializers list 'teams' in Meta.fields. */
const teamsInitial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="User", fields=[("id", models.BigAutoField(primary_key=True)), ("username", models.CharField(max_length=64))]),
        migrations.CreateModel(
            name="Team",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=64)),
                ("users", models.ManyToManyField(related_name="teams", to="galaxy.user")),
            ],
        ),
    ]
`;
const teamsRemove = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("galaxy", "0001_initial")]

    operations = [
        migrations.RemoveField(
            model_name="team",
            name="users",
        ),
    ]
`;
const teamsModels = "from django.db import models\n\n\nclass User(models.Model):\n    username = models.CharField(max_length=64)\n\n\nclass Team(models.Model):\n    name = models.CharField(max_length=64)\n";
/** a serializers module of User and Team: `declared` is the class body's declaration of `teams` (or nothing) */
const teamSerializers = (declared: string) =>
  "from rest_framework import serializers\n\nfrom galaxy.models import Team, User\n\n\n" +
  `class UserDetailSerializer(serializers.ModelSerializer):\n${declared}\n    class Meta:\n        model = User\n        fields = [\n            'id',\n            'username',\n            'teams',\n        ]\n\n\n` +
  "class UserCreateUpdateSerializer(UserDetailSerializer):\n    class Meta:\n        model = User\n        fields = [\n            'id',\n            'teams',\n        ]\n";

export default defineReviewCases({
  invalid: [
    {
      name: "Rails: the dropped column's name is a Globalize translated attribute of the model (alaveteli 73a1406c73): its declaration, reader, view and where read the translation table; the rake task's own class of public_bodies (self.table_name) still queries the column",
      base: { ...translatedUses, ...temporaryTask },
      head: { [REMOVE_DISCLOSURE_LOG_PATH]: removeDisclosureLog },
      findings: [{ path: REMOVE_DISCLOSURE_LOG_PATH, line: 3, severity: "error", message: "still uses disclosure_log: lib/tasks/temp.rake:12. Those lines fail" }],
    },
    {
      name: "Rails: the Globalize model also reads the column explicitly (read_attribute, self[], pluck): those lines are uses",
      base: { ...translatedUses, "app/models/public_body.rb": publicBodyModel("\n  def untranslated_log = read_attribute(:disclosure_log)\n  def raw_log = self[:disclosure_log]\n  def self.logs = pluck(:disclosure_log)\n") },
      head: { [REMOVE_DISCLOSURE_LOG_PATH]: removeDisclosureLog },
      findings: [{ path: REMOVE_DISCLOSURE_LOG_PATH, line: 3, severity: "error", message: "still uses disclosure_log: app/models/public_body.rb:15, app/models/public_body.rb:16, app/models/public_body.rb:17. Those lines fail" }],
    },
    {
      name: "Rails: beside foreman's names that read nothing, a query rooted at the model (Setting.where(category: ...).pluck(:default)) still reads the dropped columns, delegated or not",
      base: { ...settingsCode, ...settingsQueries },
      head: { "db/migrate/20220124174632_drop_setting_fields.rb": dropSettingFields },
      findings: [
        { path: "db/migrate/20220124174632_drop_setting_fields.rb", line: 4, severity: "error", message: "app/services/setting_cleaner.rb:3" },
        { path: "db/migrate/20220124174632_drop_setting_fields.rb", line: 6, severity: "error", message: "app/services/setting_cleaner.rb:3" },
      ],
    },
    {
      name: "Rails: a GraphQL type of the model's own name that says no other class for its objects: its field reads the model's column",
      base: { ...settingsCode, ...settingsOwnType },
      head: { "db/migrate/20220124174632_drop_setting_fields.rb": dropSettingFields },
      findings: [{ path: "db/migrate/20220124174632_drop_setting_fields.rb", line: 6, severity: "error", message: "app/graphql/types/setting.rb:3" }],
    },
    {
      name: "Rails: the concern that declares the association is another model's, not the dropped column's: user.meeting_type still reads the column",
      base: {
        "app/models/user.rb": "class User < ApplicationRecord\nend\n",
        "app/models/hearing.rb": "class Hearing < ApplicationRecord\n  include ConferenceableConcern\nend\n",
        "app/models/concerns/conferenceable_concern.rb": CONFERENCEABLE,
        "app/services/conference_provider_service.rb": MEETING_TYPE_USE,
      },
      head: REMOVE_MEETING_TYPE,
      findings: [{ path: "db/migrate/20230914210532_normalize_meeting_types.rb", line: 3, severity: "error", message: "app/services/conference_provider_service.rb:3" }],
    },
    {
      name: "Rails: a dropped table whose model stays, read through its class in Ruby and in a view: those lines, not the words around them (aytq's staff)",
      base: { ...staffWords, ...staffUsers, "app/models/staff.rb": "class Staff < ApplicationRecord\nend\n", "app/views/support_interface/staff/count.html.erb": "<p><%= Staff.count %> staff</p>\n" },
      head: { "db/migrate/20231030125347_drop_staff.rb": dropStaff },
      findings: [{ path: "db/migrate/20231030125347_drop_staff.rb", line: 3, severity: "error", message: "app/lib/staff_http_basic_auth_strategy.rb:3, app/models/staff.rb:1, app/views/support_interface/staff/count.html.erb:1." }],
    },
    {
      name: "Django: an admin method's obj is a record of the admin's model: obj.payload in the admin registered for the model whose column is renamed is a use",
      base: {
        "shop/migrations/0001_initial.py": shopInitial("Event", ["payload"]),
        "shop/models.py": "from django.db import models\n\n\nclass Event(models.Model):\n    body = models.CharField(max_length=64)\n",
        "shop/admin.py": "from django.contrib import admin\n\nfrom shop.models import Event\n\n\n@admin.register(Event)\nclass EventAdmin(admin.ModelAdmin):\n    def preview(self, obj):\n        return obj.payload\n",
      },
      head: { "shop/migrations/0002_rename_payload.py": shopRename("Event", "payload", "body") },
      findings: [{ path: "shop/migrations/0002_rename_payload.py", line: 7, severity: "error" }],
    },
    {
      name: "Django: front-end code reads a serialized record's field of the renamed column's name, and no serializer says the API field reads another attribute: a warning that migguard could not tell",
      base: {
        "shop/migrations/0001_initial.py": shopInitial("Purchase", ["family"]),
        "shop/models.py": "from django.db import models\n\n\nclass Purchase(models.Model):\n    famille_produits = models.CharField(max_length=64)\n",
        "frontend/src/views/PurchasesHome.vue": purchaseVue,
      },
      head: { "shop/migrations/0002_rename_family.py": shopRename("Purchase", "family", "famille_produits") },
      findings: [{ path: "shop/migrations/0002_rename_family.py", line: 7, severity: "warning", message: "could not tell" }],
    },
    {
      name: "Django: a removed many-to-many field still read through the owning model's records and in a template's syntax (rapidpro's Flow.optin_dependencies)",
      base: {
        "flows/migrations/0001_initial.py": flowsInitial,
        "flows/models.py": flowsModels,
        "flows/views.py": "from flows.models import Flow\n\n\ndef deps(request, pk):\n    flow = Flow.objects.get(pk=pk)\n    return list(flow.optin_dependencies.all())\n",
        "templates/flows/flow_read.html": "<ul>\n{% for optin in flow.optin_dependencies.all %}<li>{{ optin.name }}</li>{% endfor %}\n</ul>\n",
      },
      head: { "flows/migrations/0002_remove_flow_optin_dependencies.py": flowsRemove },
      findings: [{ path: "flows/migrations/0002_remove_flow_optin_dependencies.py", line: 8, severity: "error", message: "flows/views.py:6, templates/flows/flow_read.html:2" }],
    },
    {
      name: "the seed: a column dropped while a legacy report still reads it",
      base: { "db/migrate/20240101000000_create_users.rb": createUsersWithPhone, "app/reports/legacy.rb": legacyReport },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3 }],
    },
    {
      name: "a drop guarded by `if column_exists?`, the base schema.rb still has the column: it runs in production, the error stays",
      base: { "db/migrate/20240101000000_create_users.rb": createUsersWithPhone, "db/schema.rb": usersSchema(true), "app/reports/legacy.rb": legacyReport },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": guardedRemovePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3, severity: "error" }],
    },
    {
      name: "a drop guarded by `if column_exists?` of a column the base schema.rb no longer has (a clean-up for databases that kept it): nothing is dropped in production, a note",
      base: { "db/migrate/20240101000000_create_users.rb": createUsersWithPhone, "db/schema.rb": usersSchema(false), "app/reports/legacy.rb": legacyReport },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": guardedRemovePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3, severity: "info", message: "guarded by `column_exists?(:users, :phone_number)`, which is false on the base branch's schema (db/schema.rb:2): nothing runs in production" }],
    },
    {
      name: "an edited merged migration: a drop the edit adds is judged",
      base: { "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n", "db/migrations/002_cleanup.up.sql": "ALTER TABLE users DROP COLUMN fax;\n", "app/reports/legacy.rb": legacyReport },
      head: { "db/migrations/002_cleanup.up.sql": "ALTER TABLE users DROP COLUMN fax;\nALTER TABLE users DROP COLUMN phone_number;\n" },
      findings: [{ path: "db/migrations/002_cleanup.up.sql", line: 2 }],
    },
    {
      name: "SQL: raw queries in any language count",
      base: { "reports/export.py": 'QUERY = "SELECT id, phone_number FROM users"\n' },
      head: { "db/migrations/002_drop_phone.up.sql": "-- SMS login is gone\nALTER TABLE users DROP COLUMN phone_number;\n" },
      findings: [{ path: "db/migrations/002_drop_phone.up.sql", line: 2 }],
    },
    {
      name: "SQL: the same generic name next to the table's model (a Go struct of oauth_clients): an error",
      base: { "internal/models/oauth_client.go": 'package models\n\ntype OAuthClient struct {\n\tID string `db:"id"`\n\tClientID string `db:"client_id"`\n}\n' },
      head: { "migrations/20250903112500_remove_oauth_client_id_column.up.sql": "ALTER TABLE oauth_clients DROP COLUMN client_id;\n" },
      findings: [{ path: "migrations/20250903112500_remove_oauth_client_id_column.up.sql", line: 1, severity: "error" }],
    },
    {
      name: "SQL: a specific name in code that does not name the table: a warning that migguard could not tell",
      base: { "reports/export.py": "def row(contact):\n    return contact.phone_number\n" },
      head: { "db/migrations/002_drop_phone.up.sql": "ALTER TABLE users DROP COLUMN phone_number;\n" },
      findings: [{ path: "db/migrations/002_drop_phone.up.sql", line: 1, severity: "warning", message: "could not tell" }],
    },
    {
      name: "a renamed column's old name still in use",
      base: { "web/handlers/user.go": 'row := db.QueryRow("SELECT full_name FROM users WHERE id = $1", id)\n' },
      head: { "db/migrations/003_rename.up.sql": "ALTER TABLE users RENAME COLUMN full_name TO display_name;\n" },
      findings: [{ path: "db/migrations/003_rename.up.sql", line: 1 }],
    },
    {
      name: "a dropped table still queried",
      base: { "app/services/audit.ts": "export const recent = () => sql`SELECT * FROM legacy_events LIMIT 10`;\n" },
      head: { "db/migrations/004_drop.up.sql": "DROP TABLE legacy_events;\n" },
      findings: [{ path: "db/migrations/004_drop.up.sql", line: 1 }],
    },
    {
      name: "ignored_columns does not excuse raw SQL elsewhere",
      base: {
        "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n',
        "app/reports/legacy.rb": 'ActiveRecord::Base.connection.select_all("SELECT phone_number FROM users")\n',
      },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3 }],
    },
    {
      name: "ignored_columns does not excuse an Active Record query argument: where.not(phone_number: nil) writes the name into SQL and fails once the column is gone",
      base: {
        "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n',
        "app/reports/legacy.rb": "class LegacyReport\n  def rows = User.where.not(phone_number: nil).count\nend\n",
      },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3, severity: "error" }],
    },
    {
      name: "Django: code still reads a removed field",
      base: {
        "accounts/migrations/0001_initial.py": djangoInitial,
        "accounts/models.py": "from django.db import models\n\n\nclass User(models.Model):\n    email = models.EmailField()\n",
        "accounts/views.py": "from accounts.models import User\n\n\ndef sms(request):\n    return send(User.objects.get(pk=request.user.pk).phone_number)\n",
      },
      head: { "accounts/migrations/0002_remove_user_phone_number.py": djangoRemove },
      findings: [{ path: "accounts/migrations/0002_remove_user_phone_number.py", line: 8, severity: "error" }],
    },
    {
      name: "Django: a query rooted at the model names the field (the model's app imported relatively)",
      base: {
        "accounts/migrations/0001_initial.py": djangoInitial,
        "accounts/models.py": "from django.db import models\n\n\nclass User(models.Model):\n    phone_number = models.CharField(max_length=20)\n",
        "accounts/reports.py": "from .models import User\n\n\ndef with_phone():\n    return User.objects.filter(phone_number__isnull=False)\n",
      },
      head: { "accounts/migrations/0002_remove_user_phone_number.py": djangoRemove },
      findings: [{ path: "accounts/migrations/0002_remove_user_phone_number.py", line: 8, severity: "error" }],
    },
    {
      name: "Alembic: code still reads the column through the SQLAlchemy model named after the table",
      base: { ...sqlalchemyModels, "src/dispatch/participant/views.py": "from dispatch.participant.models import Participant\n\n\ndef active(db_session):\n    return db_session.query(Participant).filter(Participant.is_active == True).all()  # noqa\n" },
      head: { [alembicPath]: alembicDrop },
      findings: [{ path: alembicPath, line: 9, severity: "error" }],
    },
    {
      name: "Alembic: a front-end file reads the serialized record (dispatch's Table.vue `item.plugin.required`): a warning that migguard could not tell, not an error",
      base: { "src/dispatch/static/src/plugin/Table.vue": '<template>\n  <v-simple-checkbox v-model="item.plugin.is_active" disabled />\n</template>\n'.replace(/plugin/g, "participant") },
      head: { [alembicPath]: alembicDrop },
      findings: [{ path: alembicPath, line: 9, severity: "warning", message: "could not tell" }],
    },
    {
      name: "Django: a query rooted at the model names the field in a lookup string",
      base: { "api/migrations/0001_initial.py": pingInitial, "api/models.py": "from django.db import models\n\n\nclass Ping(models.Model):\n    body = models.TextField(null=True)\n", "api/views.py": 'from api.models import Ping\n\n\ndef latest():\n    return Ping.objects.order_by("-id").values("body__startswith")\n' },
      head: { "api/migrations/0002_remove_ping_body.py": pingRemove },
      findings: [{ path: "api/migrations/0002_remove_ping_body.py", line: 7, severity: "error" }],
    },
    {
      name: "Django: a keyword on a queryset whose model the code does not say: a warning that migguard could not tell",
      base: {
        "accounts/migrations/0001_initial.py": djangoInitial,
        "accounts/models.py": "from django.db import models\n\n\nclass User(models.Model):\n    phone_number = models.CharField(max_length=20)\n",
        "accounts/views.py": "from accounts.models import User\n\n\ndef listing(team):\n    return team.members.filter(phone_number=None)\n",
      },
      head: { "accounts/migrations/0002_remove_user_phone_number.py": djangoRemove },
      findings: [{ path: "accounts/migrations/0002_remove_user_phone_number.py", line: 8, severity: "warning", message: "could not tell" }],
    },
    {
      name: "Rails: a dropped table's model class, an Active Record model, still called",
      base: subjectGroupCode(" < ApplicationRecord"),
      head: { "db/migrate/20260122212801_drop_subject_groups.rb": dropSubjectGroups },
      findings: [{ path: "db/migrate/20260122212801_drop_subject_groups.rb", line: 3, severity: "error", message: "app/controllers/subjects_controller.rb:3" }],
    },
    {
      name: "Rails: a dropped table still reached through an association, a query, SQL on it and its class name as a string",
      base: {
        ...authorizationWords,
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :authorizations, dependent: :destroy\n  belongs_to :owner, polymorphic: true\nend\n",
        "app/services/cleanup.rb": 'class Cleanup\n  def call(user)\n    User.joins(:authorizations).count\n    ActiveRecord::Base.connection.execute("DELETE FROM authorizations WHERE user_id IS NULL")\n    User.where(owner_type: "Authorization")\n    user.authorizations.blank?\n  end\nend\n',
      },
      head: { "db/migrate/20250326191749_drop_authorizations_table.rb": dropAuthorizations },
      findings: [{ path: "db/migrate/20250326191749_drop_authorizations_table.rb", line: 3, severity: "error", message: "app/models/user.rb:2, app/services/cleanup.rb:3, app/services/cleanup.rb:4, app/services/cleanup.rb:5, app/services/cleanup.rb:6." }],
    },
    {
      name: "Rails: the same names beside a query on the model, its record's attribute and SQL on its table: those lines are the uses",
      base: {
        ...otherTablesSubjectId,
        "app/services/aggregated.rb": 'class Aggregated\n  def call(ids)\n    Aggregation.where(subject_id: ids).pluck(:aggregation)\n    aggregation = Aggregation.first\n    aggregation.subject_id\n    ActiveRecord::Base.connection.select_all("SELECT aggregation FROM aggregations")\n  end\nend\n',
      },
      head: { "db/migrate/20240304201959_refactor_aggregation_model.rb": dropAggregationColumns },
      findings: [
        { path: "db/migrate/20240304201959_refactor_aggregation_model.rb", line: 3, severity: "error", message: "app/services/aggregated.rb:3, app/services/aggregated.rb:5." },
        { path: "db/migrate/20240304201959_refactor_aggregation_model.rb", line: 4, severity: "error", message: "app/services/aggregated.rb:3, app/services/aggregated.rb:6." },
      ],
    },
    {
      name: "Rails: a reference column's association in a query on the model (itt-mentor-services' Eligibility.find_or_create_by!(school:, claim_window:)); the job's own parameter, reader and instance variable of the column's name are not uses",
      base: {
        "app/models/claims/eligibility.rb": "class Claims::Eligibility < ApplicationRecord\n  belongs_to :school\nend\n",
        "app/jobs/onboard_schools_job.rb":
          "class OnboardSchoolsJob < ApplicationJob\n  def perform(school, claim_window_id: nil)\n    @claim_window_id = claim_window_id\n    Claims::Eligibility.find_or_create_by!(\n      school:,\n      claim_window:,\n    )\n  end\n\n  private\n\n  attr_reader :claim_window_id\n\n  def claim_window = Claims::ClaimWindow.find(claim_window_id)\nend\n",
        "app/views/claims/show.html.erb": "<%= claim.claim_window.name %>\n",
      },
      head: { "db/migrate/20250821125922_remove_claim_window_from_eligibility.rb": "class RemoveClaimWindowFromEligibility < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :eligibilities, :claim_window_id, :uuid\n  end\nend\n" },
      findings: [{ path: "db/migrate/20250821125922_remove_claim_window_from_eligibility.rb", line: 3, severity: "error", message: "still uses claim_window (the association of claim_window_id): app/jobs/onboard_schools_job.rb:6." }],
    },
    {
      name: "Rails: an attribute read on a record named after the model",
      base: { "app/views/helpers/users_helper.rb": "module UsersHelper\n  def phone(user)\n    user.phone_number\n  end\nend\n" },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3, severity: "error" }],
    },
    {
      name: "Rails: the model's strong parameters permit the column",
      base: { "app/controllers/users_controller.rb": "class UsersController < ApplicationController\n  def user_params\n    params.require(:user).permit(:email, :phone_number)\n  end\nend\n" },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3, severity: "error" }],
    },
    {
      name: "Rails: the same name on a receiver whose model the code does not say: a warning that migguard could not tell",
      base: { "app/services/notifier.rb": "class Notifier\n  def call(contact)\n    deliver(contact.phone_number)\n  end\nend\n" },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
      findings: [{ path: "db/migrate/20240201000000_remove_phone_number.rb", line: 3, severity: "warning", message: "could not tell" }],
    },
    {
      name: "Django: the removed ForeignKey's name is no reverse accessor of the relation added on the other model (a ForeignKey's is contract_set): self.contract fails",
      base: { "shop/migrations/0001_initial.py": contractInitial },
      head: { "shop/migrations/0002_move_contract.py": moveContract("ForeignKey"), "shop/models.py": contractModels("ForeignKey") },
      findings: [{ path: "shop/migrations/0002_move_contract.py", line: 8, severity: "error", message: "still uses contract (the field of contract_id): shop/models.py:6." }],
    },
    {
      name: "Django: a many-to-many field's reverse accessor in a ModelSerializer's Meta.fields that the serializer does not declare (it takes User.teams from the model): a warning that names what it matched, the reverse accessor",
      base: { "galaxy/migrations/0001_initial.py": teamsInitial, "galaxy/models.py": teamsModels, "galaxy/serializers.py": teamSerializers("    username = serializers.CharField()\n") },
      head: { "galaxy/migrations/0002_remove_team_users.py": teamsRemove },
      findings: [{ path: "galaxy/migrations/0002_remove_team_users.py", line: 8, severity: "warning", message: "application code names teams (the reverse accessor of Team.users) where migguard could not tell" }],
    },
    {
      name: "Django: the removed field in Meta.fields of a ModelSerializer of its own model, not declared on the serializer: DRF takes the model field, an error naming the field",
      base: {
        "galaxy/migrations/0001_initial.py": teamsInitial,
        "galaxy/models.py": teamsModels,
        "galaxy/serializers.py": "from rest_framework import serializers\n\nfrom galaxy.models import Team\n\n\nclass TeamSerializer(serializers.ModelSerializer):\n    class Meta:\n        model = Team\n        fields = ('id', 'name', 'users')\n",
      },
      head: { "galaxy/migrations/0002_remove_team_users.py": teamsRemove },
      findings: [{ path: "galaxy/migrations/0002_remove_team_users.py", line: 8, severity: "error", message: "still uses users (the many-to-many field Team.users): galaxy/serializers.py:9." }],
    },
  ],
  valid: [
    {
      name: "Rails: the dropped column's name only as a Globalize translated attribute (translates, its reader and writer, where/order keys Globalize rewrites, a view, a controller): public_body_translations.disclosure_log, not public_bodies'",
      base: translatedUses,
      head: { [REMOVE_DISCLOSURE_LOG_PATH]: removeDisclosureLog },
    },
    {
      name: "Rails: dropped settings columns named only by an apipie doc param, gettext messages, a GraphQL type whose objects are a presenter (its description, its fields), the presenter's own attributes, hash keys of an in-memory registry and options of its DSL, text a rake task writes to a file, and methods the model delegates to another object (foreman de56ffb280, c791f6c708)",
      base: settingsCode,
      head: { "db/migrate/20220124174632_drop_setting_fields.rb": dropSettingFields },
    },
    {
      name: "Rails: the dropped column's model includes a concern that declares an association of its name (caseflow's has_one :meeting_type): user.meeting_type reads the association, and the has_one line declares it: neither uses the column",
      base: {
        "app/models/user.rb": "class User < ApplicationRecord\n  include ConferenceableConcern\nend\n",
        "app/models/concerns/conferenceable_concern.rb": CONFERENCEABLE,
        "app/services/conference_provider_service.rb": MEETING_TYPE_USE,
      },
      head: REMOVE_MEETING_TYPE,
    },
    {
      name: "Django: the removed field's name is now the default reverse accessor of a OneToOneField the other model gains (joanie 0087: BatchOrder.contract removed, Contract.batch_order added): self.contract reads the contract still",
      base: { "shop/migrations/0001_initial.py": contractInitial },
      head: { "shop/migrations/0002_move_contract.py": moveContract("OneToOneField"), "shop/models.py": contractModels("OneToOneField") },
    },
    {
      name: "Django: a deleted model that a later migration creates again under its class name on a table of its own (joanie 0069/0070's OfferingRule): the code's OfferingRule is the new model",
      base: { "shop/migrations/0001_initial.py": ruleInitial },
      head: {
        "shop/migrations/0002_delete_offeringrule.py": deleteRule,
        "shop/migrations/0003_offeringrule.py": recreateRule,
        "shop/models.py": 'from django.db import models\n\n\nclass OfferingRule(models.Model):\n    nb_seats = models.IntegerField(null=True)\n\n    class Meta:\n        db_table = "shop_offering_rule"\n',
        "shop/services.py": ruleUse,
      },
    },
    {
      name: "Rails: a dropped table named by an inflection rule, routes, a controller's actions, an OmniAuth provider, a label, a view's prose and paths, another model's scope and column, and the class of a model the change deletes (aytq 4a5d6f1c9d)",
      base: { ...staffWords, ...staffUsers, "app/models/staff.rb": "class Staff < ApplicationRecord\nend\n" },
      head: { "db/migrate/20231030125347_drop_staff.rb": dropStaff, "app/models/staff.rb": null },
    },
    {
      name: "Rails: a dropped column named by an inflection rule and by the routes' paths and actions (aytq 7408332f12, dsi_users.staff)",
      base: { "config/initializers/inflections.rb": staffWords["config/initializers/inflections.rb"], "config/routes.rb": staffWords["config/routes.rb"], "app/models/dsi_user.rb": "class DsiUser < ApplicationRecord\nend\n" },
      head: { "db/migrate/20240205145242_remove_staff_from_dsi_users.rb": removeStaffFlag },
    },
    {
      name: "Rails: a dropped column's name as a form object's own attribute, read bare and on a new instance of the form, and written through another model's has_one builder (laa-apply-for-criminal-legal-aid a2aeaa3d90)",
      base: taxBillForm,
      head: { "db/migrate/20240606154545_move_applicant_self_assessment_tax_bill_column.rb": moveTaxBill },
    },
    {
      name: "Django: front-end code reads the API field a DRF serializer fills from the renamed column's new name (ma-cantine 0261: family = ChoiceField(source=\"famille_produits\")): the API's name, not the column",
      base: {
        "shop/migrations/0001_initial.py": shopInitial("Purchase", ["family"]),
        "shop/models.py": "from django.db import models\n\n\nclass Purchase(models.Model):\n    famille_produits = models.CharField(max_length=64)\n",
        "shop/serializers.py": 'from rest_framework import serializers\n\nfrom shop.models import Purchase\n\n\nclass PurchaseSerializer(serializers.ModelSerializer):\n    family = serializers.CharField(source="famille_produits", required=False)\n\n    class Meta:\n        model = Purchase\n        fields = ("id", "family")\n',
        "frontend/src/views/PurchasesHome.vue": purchaseVue,
      },
      head: { "shop/migrations/0002_rename_family.py": shopRename("Purchase", "family", "famille_produits") },
    },
    {
      name: "Django: another class's own attribute of the renamed column's name, set and read through self (ma-cantine's paginator keeping the characteristics it listed)",
      base: {
        "shop/migrations/0001_initial.py": shopInitial("Purchase", ["characteristics"]),
        "shop/models.py": "from django.db import models\n\n\nclass Purchase(models.Model):\n    caracteristiques = models.CharField(max_length=64)\n",
        "shop/views.py":
          'from rest_framework.pagination import LimitOffsetPagination\n\nfrom shop.models import Purchase\n\n\nclass PurchasesPagination(LimitOffsetPagination):\n    def paginate_queryset(self, queryset, request, view=None):\n        self.characteristics = sorted(set(queryset.values_list("caracteristiques", flat=True)))\n        return super().paginate_queryset(queryset, request, view)\n\n    def options(self):\n        return {"values": self.characteristics, "model": Purchase.__name__}\n',
      },
      head: { "shop/migrations/0002_rename_characteristics.py": shopRename("Purchase", "characteristics", "caracteristiques") },
    },
    {
      name: "Django: a django-parler translated field of the renamed column's name, read on a record and through safe_translation_getter (bluebottle's Segment.name after 0034 renames the column to old_name)",
      base: {
        "shop/migrations/0001_initial.py": shopInitial("Segment", ["name"]),
        "shop/models.py": 'from django.db import models\nfrom parler.models import TranslatableModel, TranslatedFields\n\n\nclass Segment(TranslatableModel):\n    old_name = models.CharField(max_length=64)\n    translations = TranslatedFields(name=models.CharField(max_length=255))\n',
        "shop/documents.py": 'from shop.models import Segment\n\n\ndef prepare(segment):\n    return {"name": segment.name, "label": segment.safe_translation_getter("name")}\n\n\ndef first():\n    segment = Segment.objects.first()\n    return segment.name\n',
      },
      head: { "shop/migrations/0002_rename_name.py": shopRename("Segment", "name", "old_name") },
    },
    {
      name: "Django: the renamed field's name is now the reverse accessor another model's relation gives the model (bluebottle 0109: Event.adopted = ForeignKey(Activity, related_name=\"origin\")): self.origin reads that relation",
      base: {
        "shop/migrations/0001_initial.py": shopInitial("Activity", ["origin"]),
        "shop/models.py":
          'from django.db import models\n\n\nclass Activity(models.Model):\n    old_origin = models.CharField(max_length=64)\n\n    @property\n    def adopted_from(self):\n        return self.origin\n\n\nclass Event(models.Model):\n    adopted = models.ForeignKey(Activity, related_name="origin", null=True, on_delete=models.SET_NULL)\n',
      },
      head: { "shop/migrations/0002_rename_origin.py": shopRename("Activity", "origin", "old_origin") },
    },
    {
      name: "Django: an admin method's obj is a record of the admin's model (bluebottle's Recipient inline reading obj.activity_id beside the renamed Event.activity_id)",
      base: {
        "shop/migrations/0001_initial.py": shopInitial("Event", ["payload"]),
        "shop/models.py": "from django.db import models\n\n\nclass Event(models.Model):\n    body = models.CharField(max_length=64)\n\n\nclass Recipient(models.Model):\n    payload = models.CharField(max_length=64)\n",
        "shop/admin.py":
          "from django.contrib import admin\n\nfrom shop.models import Event, Recipient\n\n\nclass RecipientInline(admin.TabularInline):\n    model = Recipient\n\n    def preview(self, obj):\n        return obj.payload\n\n\n@admin.register(Recipient)\nclass RecipientAdmin(admin.ModelAdmin):\n    def preview(self, obj):\n        return obj.payload\n\n\n@admin.register(Event)\nclass EventAdmin(admin.ModelAdmin):\n    inlines = [RecipientInline]\n",
      },
      head: { "shop/migrations/0002_rename_payload.py": shopRename("Event", "payload", "body") },
    },
    {
      name: "Rails: dropped columns named in prose, in SQL on other tables, through another table's association, on another model's record and by a plain class's own macros and reader (panoptes' aggregations.subject_id and aggregation)",
      base: otherTablesSubjectId,
      head: { "db/migrate/20240304201959_refactor_aggregation_model.rb": dropAggregationColumns },
    },
    {
      name: "Rails: a dropped table's name as a local and an instance variable, a route's controller, a data key, a header and prose (panoptes' authorizations: Doorkeeper's routes and the HTTP header)",
      base: authorizationWords,
      head: { "db/migrate/20250326191749_drop_authorizations_table.rb": dropAuthorizations },
    },
    {
      name: "Rails: a class of the dropped table's model name that is a plain Ruby object (panoptes' in-memory SubjectGroup): its constant names that class, not the table",
      base: subjectGroupCode(""),
      head: { "db/migrate/20260122212801_drop_subject_groups.rb": dropSubjectGroups },
    },
    {
      name: "SQL: a generic name (client_id) only in a route parameter and in another table's query: read with Go's grammar, neither is a struct of oauth_clients or SQL on it (supabase/auth)",
      base: {
        "internal/api/api.go": 'package api\n\nfunc routes(r Router) {\n\tr.Get("/oauth/clients/{client_id}", handleGet)\n}\n',
        "internal/models/consent.go": 'package models\n\nconst findConsent = "SELECT id FROM oauth_consents WHERE client_id = $1"\n',
      },
      head: { "migrations/20250903112500_remove_oauth_client_id_column.up.sql": "ALTER TABLE oauth_clients DROP COLUMN client_id;\n" },
    },
    {
      name: "SQL beside Go: the column's name on another table's model (TableName) and an in-memory struct's field (bitmagnet's title, result.bfpe)",
      base: {
        "internal/model/content.go": 'package model\n\nconst TableNameContent = "content"\n\ntype Content struct {\n\tTitle string `gorm:"column:title"`\n}\n\nfunc (*Content) TableName() string {\n\treturn TableNameContent\n}\n',
        "internal/crawler/persist.go": 'package crawler\n\ntype scrape struct{ title string }\n\nfunc name(result scrape) string { return result.title }\n',
      },
      head: { "migrations/00007_torrent_hints.sql": 'alter table "torrent_contents" drop column "title";\n' },
    },
    {
      name: "Django: a removed many-to-many field whose owning model stays: the model's name in code and in styleguide demo HTML is no use of the join table (rapidpro c5a274918e)",
      base: {
        "flows/migrations/0001_initial.py": flowsInitial,
        "flows/models.py": flowsModels,
        "flows/views.py": "from flows.models import Flow\n\n\ndef read(request, pk):\n    return Flow.objects.get(pk=pk).name\n",
        "components/demo/contact-chat/example.html": "<p>Flow started by the contact</p>\n<temba-flow-editor flow=\"Flow\"></temba-flow-editor>\n",
        "templates/flows/flow_list.html": "<h1>{{ flow.name }}</h1>\n<p>optin_dependencies used to list each Flow's opt-ins</p>\n",
      },
      head: { "flows/migrations/0002_remove_flow_optin_dependencies.py": flowsRemove },
    },
    {
      name: "Alembic: only other tables' same-named columns (Service.is_active), in a docstring and a query rooted at another model (dispatch's participant.is_active)",
      base: sqlalchemyModels,
      head: { [alembicPath]: alembicDrop },
    },
    {
      name: "Django: the word inside another field's bytes literal is data, not the field (healthchecks' body_raw=b\"this is body\")",
      base: { "api/migrations/0001_initial.py": pingInitial, "api/models.py": "from django.db import models\n\n\nclass Ping(models.Model):\n    body_raw = models.BinaryField(null=True)\n", "api/tests/test_ping_body.py": 'from api.models import Ping\n\n\ndef test_it():\n    Ping.objects.create(body_raw=b"this is body")\n' },
      head: { "api/migrations/0002_remove_ping_body.py": pingRemove },
    },
    {
      name: "an edited merged migration: the drops it made long ago are not judged again (OpenStreetMap's frozen-string edit of its 2007 migrations)",
      base: { "db/migrations/002_cleanup.up.sql": "ALTER TABLE users DROP COLUMN phone_number;\n", "app/reports/legacy.rb": legacyReport },
      head: { "db/migrations/002_cleanup.up.sql": "-- users lost their phone numbers in 2007\nALTER TABLE users DROP COLUMN phone_number;\n" },
    },
    {
      name: "a dropped table a later migration of the change creates again (manage.get.gov's 0168 and 0169, DnsZone deleted to change its key): the code names the new table",
      base: {
        "dns/migrations/0001_initial.py": 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n\n    operations = [migrations.CreateModel(name="DnsZone", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=253))])]\n',
        "dns/models.py": "from django.db import models\n\n\nclass DnsZone(models.Model):\n    name = models.CharField(max_length=253)\n",
        "dns/views.py": "from dns.models import DnsZone\n\n\ndef zones(request):\n    return list(DnsZone.objects.all())\n",
      },
      head: {
        "dns/migrations/0002_delete_dnszone.py": 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("dns", "0001_initial")]\n\n    operations = [migrations.DeleteModel(name="DnsZone")]\n',
        "dns/migrations/0003_dnszone.py": 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("dns", "0002_delete_dnszone")]\n\n    operations = [migrations.CreateModel(name="DnsZone", fields=[("id", models.UUIDField(primary_key=True)), ("name", models.CharField(max_length=253))])]\n',
      },
    },
    {
      name: "SQL: a table renamed aside and created again under its name by a later migration of the change: the code names the new table",
      base: { "db/migrations/001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n", "app/services/users.ts": "export const all = () => sql`SELECT email FROM users`;\n" },
      head: {
        "db/migrations/002_move_users_aside.up.sql": "ALTER TABLE users RENAME TO users_old;\n",
        "db/migrations/003_users.up.sql": "CREATE TABLE users (id uuid PRIMARY KEY, email text);\n",
      },
    },
    {
      name: "SQL: a dropped column another column of the change is renamed onto later (linkwarden's image, imagePath renamed to image): the code names that column",
      base: { "app/services/users.ts": "export const avatars = () => sql`SELECT image FROM users`;\n" },
      head: {
        "db/migrations/004_drop_image.up.sql": "ALTER TABLE users DROP COLUMN image, ADD COLUMN image_path text;\n",
        "db/migrations/005_rename_image_path.up.sql": "ALTER TABLE users RENAME COLUMN image_path TO image;\n",
      },
    },
    {
      name: "nothing uses the column any more",
      base: { "app/reports/legacy.rb": "class LegacyReport\n  def rows = User.pluck(:id, :email)\nend\n" },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
    },
    {
      name: "Rails: the model ignores the column and nothing else names it (safe to drop now)",
      base: { "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n' },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
    },
    {
      name: "Rails: the model ignores it in a list written one name per line (Mastodon's %w(...)): the list declares, it does not use",
      base: { "app/models/user.rb": "class User < ApplicationRecord\n  self.ignored_columns += %w(\n    phone_number\n    fax_number\n  )\nend\n" },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
    },
    {
      name: "Django: once the model no longer declares the field, a name migguard cannot tie to the model is no evidence (its note is folded into drop-column's finding)",
      base: {
        "accounts/migrations/0001_initial.py": djangoInitial,
        "accounts/models.py": "from django.db import models\n\n\nclass User(models.Model):\n    email = models.EmailField()\n",
        "accounts/views.py": "from accounts.models import User\n\n\ndef listing(team):\n    return team.members.filter(phone_number=None)\n",
      },
      head: { "accounts/migrations/0002_remove_user_phone_number.py": djangoRemove },
    },
    {
      name: "Django: the model no longer has the field (safe to drop now)",
      base: {
        "accounts/migrations/0001_initial.py": djangoInitial,
        "accounts/models.py": "from django.db import models\n\n\nclass User(models.Model):\n    email = models.EmailField()\n",
      },
      head: { "accounts/migrations/0002_remove_user_phone_number.py": djangoRemove },
    },
    {
      name: "a library copied into a web app's static assets (dhis2-core's OpenLayers.js, bannered and minified) is not a usage of note.creator (replay 40)",
      base: {
        "src/main/resources/db/migration/V1__init.sql": "CREATE TABLE note (noteid bigint PRIMARY KEY, creator text);\n",
        "src/main/resources/static/javascripts/openlayers/OpenLayers.js":
          "/*\n  OpenLayers.js -- OpenLayers Map Viewer Library\n  Copyright (c) 2006-2012 by OpenLayers Contributors\n  Published under the 2-clause BSD license.\n*/\nvar OpenLayers = { creator: function (note) { return note.creator; } };\n",
        "src/main/resources/static/javascripts/app/bundle.js": `${"var a=function(b){return b.creator},c=".repeat(40)}1;\n`.repeat(3),
      },
      head: { "src/main/resources/db/migration/V2__drop_creator.sql": "ALTER TABLE note DROP COLUMN creator;\n" },
    },
    {
      name: "migrations, schema dumps and vendored code are not usages",
      base: {
        "db/migrate/20240101000000_add_phone_number.rb": "class AddPhoneNumber < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone_number, :string\n  end\nend\n",
        "db/schema.rb": 'ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\n  create_table "users" do |t|\n    t.string "phone_number"\n  end\nend\n',
        "vendor/bundle/gems/x/lib/x.rb": "phone_number = 1\n",
        "node_modules/y/index.js": "const phone_number = 1;\n",
      },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
      config: { rules: { "schema-dump-not-updated": "off" } },
    },
    {
      name: "Django: the same column name on other models and in scripts (readthedocs' build.output / command.exit_code): not this table's",
      base: {
        "builds/migrations/0001_initial.py": djangoInitial.replace(/User/g, "Build").replace(/phone_number/g, "output"),
        "builds/models.py": "from django.db import models\n\n\nclass Build(models.Model):\n    state = models.CharField(max_length=20)\n\n\nclass BuildCommandResult(models.Model):\n    output = models.TextField()\n\n    @property\n    def failed(self):\n        return not self.output\n",
        "doc_builder/environments.py": "class BuildCommand:\n    def run(self):\n        self.output = run_it()\n        return self.output\n",
        "media/search.js": "const output = render(results);\nreturn { output: output };\n",
      },
      head: { "builds/migrations/0002_remove_build_output.py": djangoRemove.replace(/accounts/g, "builds").replace('"user"', '"build"').replace("phone_number", "output") },
    },
    {
      name: "Django: a same-named model class of another app (readthedocs' projects.AutomationRuleMatch beside the dropped builds one)",
      base: {
        "builds/migrations/0001_initial.py": djangoInitial.replace(/User/g, "RuleMatch"),
        "projects/models.py": "from django.db import models\n\n\nclass RuleMatch(models.Model):\n    name = models.CharField(max_length=20)\n",
        "projects/views.py": "from projects.models import RuleMatch\n\n\ndef matches():\n    return RuleMatch.objects.all()\n",
      },
      head: {
        "builds/migrations/0002_delete_rulematch.py": djangoRemove.replace(/accounts/g, "builds").replace('migrations.RemoveField(model_name="user", name="phone_number")', 'migrations.DeleteModel(name="RuleMatch")'),
      },
    },
    {
      name: "Rails: another model's own column of the same name (rubygems' web_hooks.rubygem_id beside rubygem_transfers')",
      base: { "app/models/web_hook.rb": "class WebHook < ApplicationRecord\n  validates :phone_number, presence: true\n\n  def sms = phone_number\nend\n" },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
    },
    {
      name: "Rails: another model's record and strong parameters (openfoodnetwork's enterprise.owner_id, enterprise_params[:owner_id])",
      base: {
        "app/models/enterprise.rb": "class Enterprise < ApplicationRecord\n  belongs_to :owner, class_name: \"User\"\nend\n",
        "app/controllers/enterprises_controller.rb":
          "class EnterprisesController < ApplicationController\n  def show\n    render json: enterprise.phone_number\n  end\n\n  def override\n    enterprise_params[:phone_number] = current_user.id\n    params.require(:enterprise).permit(:name, :phone_number)\n  end\nend\n",
      },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
    },
    {
      name: "Rails: a comment, and a local variable on a line whose string names the table only in a URL (casa's users.token)",
      base: {
        "app/models/api_credential.rb": "class ApiCredential < ApplicationRecord\n  # confirm that the hash is the same as the users phone_number hash\nend\n",
        "spec/system/reset_spec.rb": 'it "resets" do\n  phone_number = link.gsub("http://localhost:3000/users/password/edit?reset_phone_number=", "")\n  expect(phone_number).to be_present\nend\n',
      },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
    },
    {
      name: "only whole words count",
      base: { "app/models/contact.rb": "class Contact\n  attr_accessor :phone_numbers, :old_phone_number\nend\n" },
      head: { "db/migrations/002_drop_phone.up.sql": "ALTER TABLE users DROP COLUMN phone_number;\n" },
    },
    {
      name: "a column of a table created in the same migration",
      base: { "app/reports/legacy.rb": legacyReport },
      head: { "db/migrations/002_tmp.up.sql": "CREATE TABLE tmp_users (id bigint, phone_number text);\nALTER TABLE tmp_users DROP COLUMN phone_number;\n" },
    },
    {
      name: "Django: the reverse accessor's name in DRF serializers' Meta.fields, each naming a field the serializer declares itself (galaxy_ng b1dd65c552: `teams = serializers.ListField(...)`, a SerializerMethodField in the base serializer): the serializer's own fields, no use of Team.users",
      base: {
        "galaxy/migrations/0001_initial.py": teamsInitial,
        "galaxy/models.py": teamsModels,
        "galaxy/serializers.py": teamSerializers("    teams = serializers.SerializerMethodField()\n\n    def get_teams(self, obj):\n        return []\n").replace(
          "class UserCreateUpdateSerializer(UserDetailSerializer):\n",
          "class UserCreateUpdateSerializer(UserDetailSerializer):\n    teams = serializers.ListField(child=serializers.DictField(), required=False, default=[])\n\n",
        ),
      },
      head: { "galaxy/migrations/0002_remove_team_users.py": teamsRemove },
    },
    {
      name: "Django: a serializer that inherits the declared field from a base serializer of the module, and an admin whose list_display names its own method: their own fields, no use of Team.users",
      base: {
        "galaxy/migrations/0001_initial.py": teamsInitial,
        "galaxy/models.py": teamsModels,
        "galaxy/serializers.py": teamSerializers("    teams = serializers.SerializerMethodField()\n"),
        "galaxy/admin.py": "from django.contrib import admin\n\nfrom galaxy.models import Team, User\n\n\nclass UserAdmin(BaseAdmin):\n    list_display = ('username', 'teams')\n    readonly_fields = ['teams']\n\n    def teams(self, obj):\n        return ', '.join(t.name for t in Team.objects.all())\n",
      },
      head: { "galaxy/migrations/0002_remove_team_users.py": teamsRemove },
    },
  ],
});
