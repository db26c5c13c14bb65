-- Sentence vectors: besides each chunk's own vector, a chunk of several sentences stores one row
-- per sentence (header + sentence), and a shard is as close to a question as its closest row.
-- all-MiniLM-L6-v2 was trained on short texts: a question about one fact in a 150-word chunk is
-- closer to that fact's sentence than to the whole chunk (bench/README.md, "Search (issue 6)").
-- sentence_of is the chunk_no of the chunk the sentence belongs to (null for a chunk), whose text
-- is the search highlight; related-shard centroids use chunks only.
alter table shard_chunks add column sentence_of integer;
