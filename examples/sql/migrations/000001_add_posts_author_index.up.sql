-- Speeds up the author page.
CREATE INDEX posts_author_id_idx ON posts (author_id);
