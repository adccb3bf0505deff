/**
 * The 36th replay's alaveteli false alarms (mysociety/alaveteli), as small repositories for `migguard review` and
 * the App: a typo fixed in the heredoc a merged migration raises (8f464c2b30), a model class a merged migration
 * gains to pin the model it uses (73ae2d6301), and a column a Globalize model translates (73a1406c73, from
 * src/engine/review/rules/dropped-object-still-used/alaveteli-globalize.fixture.ts).
 */
export const GUARD_PATH = "db/migrate/20220902112339_remove_public_body_notes.rb";

/** 20220902112339: it stops the upgrade until a task moved the notes, with `word` in what it raises. */
export const guardMigration = (word: string) => `class RemovePublicBodyNotes < ActiveRecord::Migration[6.1]
  def up
    if PublicBody::Translation.where.not(notes: nil).any?
      raise <<~TXT
        We can't run the RemovePublicBodyNotes database migration.

        We have ${word} PublicBody::Translation objects which haven't been
        migrated to the new Note model.
      TXT
    end

    remove_column :public_body_translations, :notes
  end

  def down
    PublicBody.add_translation_fields! notes: :text
  end
end
`;

export const NOTES_PATH = "db/migrate/20220720085105_create_notes.rb";

/** 20220720085105: the notes table and its Globalize translation table, made through `Note`; `stub` defines it in the migration. */
export const notesMigration = (stub: string) => `class CreateNotes < ActiveRecord::Migration[6.1]
${stub}  def change
    create_table :notes do |t|
      t.references :notable, polymorphic: true
      t.string :notable_tag
      t.timestamps
    end

    reversible do |dir|
      dir.up do
        Note.create_translation_table!(body: :text)
      end

      dir.down do
        Note.drop_translation_table!
      end
    end
  end
end
`;

export const NOTE_STUB = `  # Predefine Note model to allow creation of translation table before adding
  # style enum is added. This prevents migration errors since enums require
  # existing database columns.
  class Note < ApplicationRecord
    translates :body
  end

`;

/** The base branch both edits start from: the two migrations and an earlier one creating the translation table. */
export const alaveteliBase: Record<string, string> = {
  "db/migrate/20220101000000_create_public_body_translations.rb":
    "class CreatePublicBodyTranslations < ActiveRecord::Migration[6.1]\n  def change\n    create_table :public_body_translations do |t|\n      t.text :notes\n    end\n  end\nend\n",
  [NOTES_PATH]: notesMigration(""),
  [GUARD_PATH]: guardMigration("dectected"),
};
