/**
 * Checkpoints per registerCheckpoints call. Here, below the catalog, because the registry's input
 * limits (checked before any resolver) and the catalog's own check must agree. Sized to the
 * default request limits: a typical item (model, digest, format, a URI, a parent, registeredBy) is
 * 300–500 bytes of JSON, so 1,000 items stay well under the 1 MiB body limit
 * (PEDIGREE_MAX_BODY_BYTES), and one batch commits in a fraction of the 10 s request deadline.
 * Larger items (long evidence, many datasets) may need a smaller batch or a larger body limit.
 */
export const MAX_CHECKPOINT_BATCH = 1000;
