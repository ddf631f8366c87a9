import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trust that can end, and signatures bound to whom they were checked for (docs/signatures.md).
 *
 * - `trusted_signer` also holds Sigstore identities (a certificate subject and its OIDC issuer; no
 *   PEM). The same fingerprint may be trusted again after a removal, so uniqueness among signers
 *   still in force is kept by the service under a per-organization lock, not by a constraint.
 * - `trusted_signer_removal`: a removal is a new record (who, when, why); the signer row stays, so
 *   what was trusted when a signature was verified remains answerable.
 * - `checkpoint_signature` records the organization the signer was trusted for and the trusted
 *   signer that vouched. Rows verified before this migration get the model's publisher, and for the
 *   key method the trusted key by fingerprint (a certificate row's CA cannot be recovered in SQL:
 *   null, and re-registering the checkpoint with its signature binds it).
 * - A removal re-evaluates policies on the checkpoints it vouched for, since their
 *   `signatureStatus` becomes UNTRUSTED.
 */
export class SignerTrustLifecycle1764160000000 implements MigrationInterface {
  name = 'SignerTrustLifecycle1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trusted_signer DROP CONSTRAINT trusted_signer_kind_check;
      ALTER TABLE trusted_signer ADD CONSTRAINT trusted_signer_kind_check CHECK (kind IN ('KEY', 'CERTIFICATE_AUTHORITY', 'SIGSTORE_IDENTITY'));
      ALTER TABLE trusted_signer ALTER COLUMN pem DROP NOT NULL;
      ALTER TABLE trusted_signer ADD COLUMN issuer text;
      ALTER TABLE trusted_signer ADD CONSTRAINT trusted_signer_material_check CHECK (
        CASE WHEN kind = 'SIGSTORE_IDENTITY' THEN pem IS NULL AND subject IS NOT NULL AND issuer IS NOT NULL ELSE pem IS NOT NULL AND issuer IS NULL END);
      ALTER TABLE trusted_signer DROP CONSTRAINT trusted_signer_fingerprint_key;
      CREATE INDEX trusted_signer_fingerprint_idx ON trusted_signer(organization_id, fingerprint);

      CREATE TABLE trusted_signer_removal (
        trusted_signer_id bigint PRIMARY KEY,
        reason            text NOT NULL,
        removed_by        text NOT NULL,
        removed_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trusted_signer_removal_signer_fkey FOREIGN KEY (trusted_signer_id) REFERENCES trusted_signer(id),
        CONSTRAINT trusted_signer_removal_reason_check CHECK (length(btrim(reason)) > 0)
      );
      CREATE TRIGGER trusted_signer_removal_append_only BEFORE UPDATE OR DELETE ON trusted_signer_removal FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite();

      ALTER TABLE checkpoint_signature ADD COLUMN organization_id bigint, ADD COLUMN trusted_signer_id bigint;
      ALTER TABLE checkpoint_signature
        ADD CONSTRAINT checkpoint_signature_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization(id),
        ADD CONSTRAINT checkpoint_signature_trusted_signer_id_fkey FOREIGN KEY (trusted_signer_id) REFERENCES trusted_signer(id);
      -- The publisher when it was verified (a placeholder's completion can change it), else today's.
      UPDATE checkpoint_signature s SET organization_id = COALESCE(
          (SELECT v.publisher_id FROM model_version v WHERE v.model_id = c.model_id AND v.recorded_at <= s.verified_at ORDER BY v.recorded_at DESC, v.id DESC LIMIT 1),
          m.publisher_id)
        FROM checkpoint c JOIN model m ON m.id = c.model_id WHERE c.id = s.checkpoint_id;
      UPDATE checkpoint_signature s SET trusted_signer_id = t.id FROM trusted_signer t
        WHERE s.method = 'key' AND t.organization_id = s.organization_id AND t.fingerprint = s.signer_fingerprint;
      CREATE INDEX checkpoint_signature_trusted_signer_idx ON checkpoint_signature(trusted_signer_id) WHERE trusted_signer_id IS NOT NULL;

      CREATE FUNCTION queue_policy_signer_removals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO policy_reevaluation(reason, node_ids)
          SELECT 'SIGNER_REMOVED', array_agg(DISTINCT s.checkpoint_id) FROM new_rows r JOIN checkpoint_signature s ON s.trusted_signer_id = r.trusted_signer_id
          HAVING count(*) > 0;
        RETURN NULL;
      END $$;
      CREATE TRIGGER trusted_signer_removal_queue_policies AFTER INSERT ON trusted_signer_removal REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT WHEN (policy_in_force()) EXECUTE FUNCTION queue_policy_signer_removals();
    `);
  }

  /** Refused once a signer was removed: the old schema would trust it again, silently. */
  async down(q: QueryRunner): Promise<void> {
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM trusted_signer_removal`);
    if (n > 0)
      throw new Error(`SignerTrustLifecycle cannot be rolled back: ${n} trusted signer(s) were removed, and the previous schema would trust them again.`);
    await q.query(`
      DROP TRIGGER trusted_signer_removal_queue_policies ON trusted_signer_removal;
      DROP FUNCTION queue_policy_signer_removals();
      DROP INDEX checkpoint_signature_trusted_signer_idx;
      ALTER TABLE checkpoint_signature DROP COLUMN trusted_signer_id, DROP COLUMN organization_id;
      DROP TABLE trusted_signer_removal;
      DELETE FROM trusted_signer WHERE kind = 'SIGSTORE_IDENTITY';
      DROP INDEX trusted_signer_fingerprint_idx;
      ALTER TABLE trusted_signer ADD CONSTRAINT trusted_signer_fingerprint_key UNIQUE (organization_id, fingerprint);
      ALTER TABLE trusted_signer DROP CONSTRAINT trusted_signer_material_check;
      ALTER TABLE trusted_signer DROP COLUMN issuer;
      ALTER TABLE trusted_signer ALTER COLUMN pem SET NOT NULL;
      ALTER TABLE trusted_signer DROP CONSTRAINT trusted_signer_kind_check;
      ALTER TABLE trusted_signer ADD CONSTRAINT trusted_signer_kind_check CHECK (kind IN ('KEY', 'CERTIFICATE_AUTHORITY'));
    `);
  }
}
