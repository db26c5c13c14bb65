-- Keyword search ranks by BM25 over the shards' text vector (issue 24), and a word in a shard's
-- name, title or subject says more about what the shard is than the same word in its body: those
-- fields' words are weight A in the vector, the rest keep the default weight D. Words, positions
-- and matches are otherwise as before (the same parser, dictionary and fields).
drop index shards_search;
alter table shards drop column search;
alter table shards add column search tsvector generated always as (
    -- || rather than concat_ws, which is not immutable
    setweight(to_tsvector('english'::regconfig, coalesce(structured_data ->> 'name', '') || ' ' || coalesce(structured_data ->> 'title', '')
                                                || ' ' || coalesce(structured_data ->> 'subject', '') || ' '
                                                || coalesce(structured_data ->> 'firstName', '') || ' '
                                                || coalesce(structured_data ->> 'lastName', '')), 'A')
    || jsonb_to_tsvector('english'::regconfig, structured_data, '["string"]')
    || to_tsvector('english'::regconfig, coalesce(unstructured_data ->> 'text', ''))
) stored;
create index shards_search on shards using gin (search);
