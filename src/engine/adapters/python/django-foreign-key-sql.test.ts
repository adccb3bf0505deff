/**
 * Django's names for the foreign keys it creates, checked against names Django itself gives contrib.auth's tables
 * on PostgreSQL (one that fits, one shortened past 63 characters), and the statement the history keeps.
 */
import { djangoForeignKeySql, djangoIndexName } from "./django-foreign-key-sql.js";

it.each([
  ["auth_user_groups", "group_id", "auth_group", "auth_user_groups_group_id_97559544_fk_auth_group_id"],
  ["auth_permission", "content_type_id", "django_content_type", "auth_permission_content_type_id_2f476e4b_fk_django_co"],
])("%s.%s -> %s: %s", (table, column, toTable, name) => {
  expect(djangoIndexName(table, [column], `_fk_${toTable}_id`)).toBe(name);
});

it("writes the constraint DEFERRABLE INITIALLY DEFERRED, as Django does on PostgreSQL", () => {
  expect(djangoForeignKeySql("library_book", "author_id", "library_author", "id")).toBe(
    "ALTER TABLE library_book ADD CONSTRAINT library_book_author_id_d9a3b67e_fk_library_author_id FOREIGN KEY (author_id) REFERENCES library_author (id) DEFERRABLE INITIALLY DEFERRED;",
  );
});
