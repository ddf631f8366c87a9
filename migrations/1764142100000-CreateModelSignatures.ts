import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OMS v1.0 model signatures (docs/signatures.md).
 *
 * - `trusted_signer`: the keys and CA certificates an admin trusts to sign for an organization, so
 *   "signed by someone" is never read as "signed by the publisher". Fingerprint unique per organization.
 * - `checkpoint_signature`: evidence, append-only. Each verified signature is a new row (bundle as
 *   received, the file digests it was checked against, signer identity, result, when); the latest row
 *   is the checkpoint's signature. A refused registration writes no row, nor anything else.
 */
export class CreateModelSignatures1764142100000 implements MigrationInterface {
  name = 'CreateModelSignatures1764142100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trusted_signer (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id  bigint NOT NULL,
        kind             text NOT NULL,
        pem              text NOT NULL,
        fingerprint      text NOT NULL,
        subject          text,
        added_by         text NOT NULL,
        added_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trusted_signer_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization(id),
        CONSTRAINT trusted_signer_kind_check CHECK (kind IN ('KEY', 'CERTIFICATE_AUTHORITY')),
        CONSTRAINT trusted_signer_fingerprint_key UNIQUE (organization_id, fingerprint)
      );

      CREATE TABLE checkpoint_signature (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        checkpoint_id       bigint NOT NULL,
        status              text NOT NULL,
        method              text NOT NULL,
        signer_fingerprint  text NOT NULL,
        signer_subject      text,
        signer_issuer       text,
        root_digest         text NOT NULL,
        bundle              text NOT NULL,
        files               jsonb NOT NULL,
        verified_at         timestamptz NOT NULL DEFAULT now(),
        recorded_by         text NOT NULL,
        CONSTRAINT checkpoint_signature_checkpoint_id_fkey FOREIGN KEY (checkpoint_id) REFERENCES checkpoint(id),
        CONSTRAINT checkpoint_signature_status_check CHECK (status IN ('VERIFIED', 'INVALID')),
        CONSTRAINT checkpoint_signature_method_check CHECK (method IN ('key', 'certificate', 'sigstore'))
      );
      CREATE INDEX checkpoint_signature_checkpoint_idx ON checkpoint_signature(checkpoint_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE checkpoint_signature; DROP TABLE trusted_signer;`);
  }
}
