import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A signed head of the audit chain (append-only: a trigger refuses UPDATE and DELETE). */
@Entity('audit_tree_head')
export class AuditTreeHeadEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'audit_tree_head_pkey' })
  id: string;

  /** bigint: pg returns it as a string. */
  @Column('bigint')
  size: string;

  @Column('text')
  head_hash: string;

  @Column('timestamptz')
  signed_at: Date;

  @Column('text')
  signature: string;

  @Column('text')
  public_key: string;
}
