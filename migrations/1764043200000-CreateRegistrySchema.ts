import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's core: organizations, licenses, the lineage node identity table, models,
 * datasets, checkpoints, training runs, append-only lineage edges and their retractions.
 */
export class CreateRegistrySchema1764043200000 implements MigrationInterface {
  name = 'CreateRegistrySchema1764043200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE organization_kind AS ENUM ('COMPANY','ACADEMIC','GOVERNMENT','NONPROFIT','COMMUNITY','INDIVIDUAL');
      CREATE TYPE evidence_origin AS ENUM ('PIPELINE_DECLARATION','MODEL_CARD','THIRD_PARTY_REPORT','AUDIT_FINDING');
      CREATE TYPE node_kind AS ENUM ('MODEL','CHECKPOINT','DATASET');
      CREATE TYPE model_access AS ENUM ('OPEN_WEIGHTS','API_ONLY','CLOSED');
      CREATE TYPE lineage_relation AS ENUM ('FINETUNE','ADAPTER','MERGE','QUANTIZATION','DISTILLATION',
        'CONTINUED_PRETRAINING','PRUNING','TRAINED_ON','GENERATED_BY','CHECKPOINT_OF');
      CREATE TYPE training_method AS ENUM ('SFT','DPO','RLHF','GRPO','LORA','QLORA','DISTILLATION',
        'CONTINUED_PRETRAINING','MERGE','QUANTIZATION');
      CREATE TYPE checkpoint_format AS ENUM ('SAFETENSORS','GGUF','ONNX','PYTORCH','TENSORFLOW','FLAX','MLX',
        'OPENVINO','TENSORRT','COREML','OTHER');

      CREATE TABLE organization (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9._-]*$'),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        country     char(2) CHECK (country ~ '^[A-Z]{2}$'),
        kind        organization_kind NOT NULL,
        parent_id   bigint REFERENCES organization(id),
        evidence    jsonb NOT NULL,
        registration jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id <> id)
      );
      CREATE INDEX organization_parent_idx ON organization(parent_id);

      CREATE TABLE organization_alias (
        alias           text PRIMARY KEY CHECK (alias = lower(alias)),
        organization_id bigint NOT NULL REFERENCES organization(id)
      );
      CREATE INDEX organization_alias_org_idx ON organization_alias(organization_id);

      -- Ownership chains are short; the depth bound keeps a corrupted chain from looping.
      CREATE VIEW organization_root AS
      WITH RECURSIVE chain(organization_id, ancestor_id, parent_id, country, depth) AS (
        SELECT id, id, parent_id, country, 0 FROM organization
        UNION ALL
        SELECT c.organization_id, o.id, o.parent_id, o.country, c.depth + 1
        FROM chain c JOIN organization o ON o.id = c.parent_id
        WHERE c.depth < 32
      )
      SELECT top.organization_id, top.ancestor_id AS root_id, known.country AS root_country, known.ancestor_id AS country_org_id
      FROM (SELECT DISTINCT ON (organization_id) organization_id, ancestor_id FROM chain ORDER BY organization_id, depth DESC) top
      LEFT JOIN (
        -- The country comes from the highest owner whose country is known, and so does its evidence.
        SELECT DISTINCT ON (organization_id) organization_id, ancestor_id, country FROM chain
        WHERE country IS NOT NULL ORDER BY organization_id, depth DESC
      ) known ON known.organization_id = top.organization_id;

      CREATE TABLE custom_license (
        key                  text PRIMARY KEY CHECK (key ~ '^LicenseRef-[A-Za-z0-9.-]+$'),
        name                 text NOT NULL,
        url                  text,
        commercial_use       boolean NOT NULL,
        non_commercial       boolean NOT NULL DEFAULT false,
        attribution_required boolean NOT NULL DEFAULT false,
        attribution_text     text,
        naming_requirement   text,
        use_restrictions     text[] NOT NULL DEFAULT '{}',
        user_threshold       bigint CHECK (user_threshold > 0),
        evidence             jsonb NOT NULL,
        registration         jsonb NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now()
      );

      -- One identity for everything lineage can point at; the natural key makes registration idempotent.
      CREATE TABLE lineage_node (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind       node_kind NOT NULL,
        key        text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX lineage_node_natural_key ON lineage_node(kind, lower(key));

      CREATE TABLE model (
        id                bigint PRIMARY KEY REFERENCES lineage_node(id),
        name              text NOT NULL,
        publisher_id      bigint NOT NULL REFERENCES organization(id),
        license           text,
        license_ids       text[] NOT NULL DEFAULT '{}',
        license_evidence  jsonb,
        country_override  char(2) CHECK (country_override ~ '^[A-Z]{2}$'),
        country_evidence  jsonb,
        access            model_access NOT NULL,
        modality          text,
        parameter_count   bigint CHECK (parameter_count > 0),
        release_date      date,
        evidence          jsonb NOT NULL,
        registration      jsonb NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((country_override IS NULL) = (country_evidence IS NULL))
      );
      CREATE INDEX model_publisher_idx ON model(publisher_id);
      CREATE INDEX model_license_ids_idx ON model USING gin(license_ids);

      CREATE TABLE dataset (
        id                bigint PRIMARY KEY REFERENCES lineage_node(id),
        name              text NOT NULL,
        publisher_id      bigint NOT NULL REFERENCES organization(id),
        description       text,
        license           text,
        license_ids       text[] NOT NULL DEFAULT '{}',
        country_override  char(2) CHECK (country_override ~ '^[A-Z]{2}$'),
        country_evidence  jsonb,
        evidence          jsonb NOT NULL,
        registration      jsonb NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((country_override IS NULL) = (country_evidence IS NULL))
      );
      CREATE INDEX dataset_publisher_idx ON dataset(publisher_id);

      CREATE TABLE checkpoint (
        id            bigint PRIMARY KEY REFERENCES lineage_node(id),
        model_id      bigint NOT NULL REFERENCES model(id),
        digest        text NOT NULL UNIQUE CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
        uris          text[] NOT NULL DEFAULT '{}',
        format        checkpoint_format NOT NULL,
        size_bytes    bigint CHECK (size_bytes >= 0),
        registered_at timestamptz NOT NULL DEFAULT now(),
        registered_by text NOT NULL,
        registration  jsonb NOT NULL
      );
      CREATE INDEX checkpoint_model_idx ON checkpoint(model_id);

      CREATE TABLE training_run (
        id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        checkpoint_id        bigint NOT NULL UNIQUE REFERENCES checkpoint(id),
        method               training_method NOT NULL,
        compute_provider_id  bigint REFERENCES organization(id),
        compute_region       text,
        compute_country      char(2) CHECK (compute_country ~ '^[A-Z]{2}$'),
        operator_id          bigint REFERENCES organization(id),
        started_at           timestamptz,
        ended_at             timestamptz,
        hyperparameters      jsonb NOT NULL DEFAULT '{}',
        created_at           timestamptz NOT NULL DEFAULT now(),
        CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
      );

      CREATE TABLE lineage_edge (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        derived_id       bigint NOT NULL REFERENCES lineage_node(id),
        source_id        bigint NOT NULL REFERENCES lineage_node(id),
        relation         lineage_relation NOT NULL,
        merge_weight     double precision CHECK (merge_weight IS NULL OR relation = 'MERGE'),
        training_run_id  bigint REFERENCES training_run(id),
        origin           evidence_origin NOT NULL,
        justification    text NOT NULL,
        document_ref     text,
        collector        text,
        observed_at      timestamptz NOT NULL,
        confidence       real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        recorded_by      text NOT NULL,
        CHECK (derived_id <> source_id)
      );
      CREATE INDEX lineage_edge_derived_idx ON lineage_edge(derived_id, relation);
      CREATE INDEX lineage_edge_source_idx ON lineage_edge(source_id, relation);
      CREATE INDEX lineage_edge_run_idx ON lineage_edge(training_run_id) WHERE training_run_id IS NOT NULL;

      CREATE TABLE lineage_retraction (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        edge_id       bigint NOT NULL UNIQUE REFERENCES lineage_edge(id),
        origin        evidence_origin NOT NULL,
        justification text NOT NULL,
        document_ref  text,
        collector     text,
        observed_at   timestamptz NOT NULL,
        confidence    real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        recorded_by   text NOT NULL
      );

      -- History is append-only: a claim is withdrawn by a retraction record, never rewritten.
      CREATE FUNCTION forbid_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: lineage history is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'P0001';
      END $$;
      CREATE TRIGGER lineage_edge_append_only BEFORE UPDATE OR DELETE ON lineage_edge
        FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite();
      CREATE TRIGGER lineage_retraction_append_only BEFORE UPDATE OR DELETE ON lineage_retraction
        FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE lineage_retraction, lineage_edge, training_run, checkpoint, dataset, model, lineage_node,
        custom_license, organization_alias CASCADE;
      DROP VIEW organization_root;
      DROP TABLE organization;
      DROP FUNCTION forbid_history_rewrite();
      DROP TYPE checkpoint_format, training_method, lineage_relation, model_access, node_kind, evidence_origin,
        organization_kind;
    `);
  }
}
