-- migrate:up
SET lock_timeout = '5s';
ALTER TABLE profiles ADD COLUMN bio text;

-- migrate:down
ALTER TABLE profiles DROP COLUMN bio;
