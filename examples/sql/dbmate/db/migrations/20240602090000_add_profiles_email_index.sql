-- migrate:up
CREATE INDEX CONCURRENTLY profiles_email_idx ON profiles (email);

-- migrate:down
DROP INDEX CONCURRENTLY profiles_email_idx;
