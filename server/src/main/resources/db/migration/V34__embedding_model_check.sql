-- The tenants some of whose stored vectors another embedding model made than the one named: a
-- node started with another model (castiel.ai.embedding.local-model, or a remote model) has them
-- re-embedded through the reindex job, since vectors of two models do not compare. Runs outside
-- any tenant, like embedding_claim. One index probe per tenant, then its rows until the first of
-- another model: a full pass over shard_embeddings only when nothing changed, once per start.
create function embedding_tenants_of_other_models(p_model text)
    returns setof uuid
    language sql stable security definer set search_path = public
    as $$
        select t.id from tenants t
        where exists (select 1 from shard_embeddings e where e.tenant_id = t.id and e.model <> p_model)
    $$;

grant execute on function embedding_tenants_of_other_models(text) to ${app_role};
