import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NodeKind } from '@pedigree/core';

/**
 * One identity for everything lineage can point at; models, datasets and checkpoints share its id.
 * Properties are named as their columns, so a raw row can be typed `Pick<LineageNodeEntity, …>`.
 */
@Entity('lineage_node')
// The natural key: a unique index ON (kind, lower(key)). TypeORM cannot describe an expression
// index, so it is declared by name and unsynchronized: the schema diff neither drops nor creates it.
@Index('lineage_node_natural_key', { synchronize: false })
export class LineageNodeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'lineage_node_pkey' })
  id: string;

  @Column({ type: 'enum', enum: NodeKind, enumName: 'node_kind' })
  kind: NodeKind;

  @Column('text')
  key: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;

  /** The top-level transaction that created the node (NULL: before it was recorded), for the policy queue triggers. */
  @Column({ type: 'bigint', nullable: true, default: () => 'top_transaction_id()', select: false })
  created_tx: string | null;
}
