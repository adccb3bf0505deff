/**
 * foreman (theforeman/foreman de56ffb280, c791f6c708): the settings' metadata columns dropped once the setting DSL
 * held it in memory. The code still names every column, none of them a read of it: an apipie doc param, a gettext
 * message, a GraphQL type whose objects are a presenter (its description and fields), the presenter's own
 * attributes, hash keys of the in-memory registry and options of its DSL, text a rake task writes to a file, methods
 * the model delegates to its setting definition.
 */
export const dropSettingFields = `class DropSettingFields < ActiveRecord::Migration[6.0]
  def change
    remove_column :settings, :settings_type, :string
    remove_column :settings, :default, :text
    remove_column :settings, :encrypted, :boolean
    remove_column :settings, :category, :string
  end
end
`;

export const settingsCode: Record<string, string> = {
  "app/models/setting.rb": `class Setting < ApplicationRecord
  delegate :settings_type, :encrypted, :encrypted?, :default, to: :setting_definition, allow_nil: true
  validates :value, :numericality => true, :if => proc { |s| s.settings_type == "integer" }

  def self.load_defaults
    default_settings.each do |s|
      kwargs = s.except(:name).merge(category: name, context: :deprecated)
      Foreman.settings._add(s[:name], **kwargs)
    end
  end

  def self.set(name, description, default, options = {})
    options[:encrypted] ||= false
    {:name => name, :default => default, :encrypted => options[:encrypted]}
  end

  def value
    v = self[:value]
    return default if v.nil?
    setting_definition&.encrypted? ? decrypt(v) : v
  end

  def setting_definition
    Foreman.settings.find(name)
  end
end
`,
  "app/graphql/types/setting.rb": `module Types
  class Setting < BaseObject
    description 'An application-wide Setting'

    field :category, String
    field :settingsType, String
    field :default, String
    field :encrypted, Boolean, method: :encrypted?

    def model_class
      SettingPresenter
    end
  end
end
`,
  "app/presenters/setting_presenter.rb": `class SettingPresenter
  include ActiveModel::Model
  include ActiveModel::Attributes

  attribute :category, :string, default: 'Setting'
  attribute :default
  attribute :encrypted, :boolean, :default => false
  attribute :settings_type, :string

  def encrypted?
    encrypted
  end

  def settings_type
    attribute(:settings_type) || Setting.type_of(default)
  end
end
`,
  "app/controllers/api/v2/settings_controller.rb": `module Api
  module V2
    class SettingsController < V2::BaseController
      def_param_group :setting_params do
        property :category, String, desc: N_('The category of setting')
        property :category_name, String, desc: N_('The human readable name of settings category')
        property :settings_type, String, desc: N_('Value type, that the setting accepts')
        property :default, String, desc: N_('Default value for the setting')
        property :encrypted, [true, false], desc: N_('Is this setting encrypted?')
      end

      api :GET, "/settings/", N_("List all settings")
      param :default, String
      def index
        @settings = Foreman.settings.all
      end
    end
  end
end
`,
  "app/controllers/api/v2/hosts_controller.rb": `module Api
  module V2
    class HostsController < V2::BaseController
      param :root_pass, String, :desc => N_("required if host is managed and value is not inherited from host group or default password in settings")
      def create
      end
    end
  end
end
`,
  "app/registries/foreman/settings/auth.rb": `Foreman::SettingManager.define(:foreman) do
  category(:auth, N_('Authentication')) do
    setting('oauth_consumer_key',
      type: :string,
      default: '',
      encrypted: true)
  end
end
`,
  "lib/tasks/encrypt.rake": `namespace :security do
  task :generate_encryption_key do
    File.open(Rails.root.join('config', 'initializers', 'encryption_key.rb'), "w") do |fd|
      fd.write("# If you change this key, all encrypted data will NOT be able to be decrypted!
ENCRYPTION_KEY = '#{SecureRandom.hex(20)}'
")
    end
  end
end
`,
  "app/helpers/settings_helper.rb": `module SettingsHelper
  def setting_to_hash(setting)
    {
      :settings_type => setting.settings_type,
      :default => setting.default,
      :encrypted => setting.encrypted?,
    }
  end
end
`,
};

/** Real reads of the same columns, which stay errors: a query rooted at the model, and a GraphQL type of the model's own objects. */
export const settingsQueries: Record<string, string> = {
  "app/services/setting_cleaner.rb": "class SettingCleaner\n  def stale\n    Setting.where(category: 'Setting::Puppet').pluck(:default)\n  end\nend\n",
};
export const settingsOwnType: Record<string, string> = {
  "app/graphql/types/setting.rb": "module Types\n  class Setting < BaseObject\n    field :category, String\n  end\nend\n",
};
