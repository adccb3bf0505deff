-- +goose Up
ALTER TABLE accounts ADD COLUMN plan text;
UPDATE accounts SET plan = 'free';

-- +goose Down
ALTER TABLE accounts DROP COLUMN plan;
