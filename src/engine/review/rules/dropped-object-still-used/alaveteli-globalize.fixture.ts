/**
 * alaveteli 73a1406c73 (replay 36): public_bodies.disclosure_log dropped once a rake task copied it into the Globalize
 * translation table. PublicBody `translates ... :disclosure_log`, so its declaration, its reader (`disclosure_log.to_s`),
 * a view's `public_body.disclosure_log` and a `where` Globalize rewrites all read public_body_translations.disclosure_log;
 * the one reader of public_bodies.disclosure_log left is the rake task's own class of that table (lib/tasks/temp.rake).
 */
export const REMOVE_DISCLOSURE_LOG_PATH = "db/migrate/20231011091031_remove_public_body_disclosure_log.rb";

export const removeDisclosureLog = `class RemovePublicBodyDisclosureLog < ActiveRecord::Migration[7.0]
  def change
    remove_column :public_bodies, :disclosure_log, :text
  end
end
`;

/** PublicBody as alaveteli writes it, with `extra` (explicit reads of the column, for the cases that keep them) in its body. */
export const publicBodyModel = (extra = "") => `class PublicBody < ApplicationRecord
  translates :name, :short_name, :request_email, :url_name, :first_letter,
             :publication_scheme, :disclosure_log

  scope :with_disclosure_log, -> { where.not(disclosure_log: nil).order(:disclosure_log) }

  def json_for_api
    {
      name: name,
      publication_scheme: publication_scheme.to_s,
      disclosure_log: disclosure_log.to_s,
    }
  end
${extra}end
`;

/** The code that reads only the translated attribute: the model, a view, an admin form and a CSV export's column list. */
export const translatedUses: Record<string, string> = {
  "app/models/public_body.rb": publicBodyModel(),
  "app/views/public_body/_more_info.html.erb": "<% unless public_body.disclosure_log.blank? %>\n  <%= link_to _('Disclosure log'), public_body.disclosure_log %><br>\n<% end %>\n",
  "app/controllers/public_bodies_controller.rb": `class PublicBodiesController < ApplicationController
  def show
    @public_body = PublicBody.find_by(url_name: params[:url_name])
    @log = @public_body.disclosure_log
    @others = PublicBody.where(disclosure_log: @log)
  end
end
`,
};

/** The rake task that copied the column into the translations, through its own class of public_bodies: it still reads the column. */
export const temporaryTask: Record<string, string> = {
  "lib/tasks/temp.rake": `namespace :temp do
  desc 'Migrate PublicBody#disclosure_log to translation model'
  task migrate_disclosure_log: :environment do
    class PublicBodyWithoutTranslations < ApplicationRecord # :nodoc:
      self.table_name = 'public_bodies'

      def with_translation
        AlaveteliLocalization.with_default_locale { PublicBody.find(id) }
      end
    end

    scope = PublicBodyWithoutTranslations.where.not(disclosure_log: nil)
    count = scope.count

    scope.find_each.with_index do |pb, index|
      pb.with_translation.update(disclosure_log: pb.disclosure_log)
      print "Migrate PublicBody#disclosure_log #{index + 1}/#{count}"
    end
  end
end
`,
};
