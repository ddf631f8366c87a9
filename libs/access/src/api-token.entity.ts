import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Role } from '@pedigree/core';

/** An API token, stored only as the SHA-256 of its secret. Properties are named as their columns. */
@Entity('api_token')
@Unique('api_token_token_hash_key', ['token_hash'])
@Check('api_token_owner_check', `length(owner) BETWEEN 1 AND 200`)
@Check('api_token_token_hash_check', `token_hash ~ '^[0-9a-f]{64}$'`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'api_token_pkey' })
  id: string;

  @Column('text')
  owner: string;

  @Column({ type: 'enum', enum: Role, enumName: 'api_role' })
  role: Role;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  organizations: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  namespaces: string[];

  @Column('text')
  token_hash: string;

  @Column('text')
  token_prefix: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;

  @Column({ type: 'bigint', nullable: true })
  created_by: string | null;

  @ManyToOne(() => ApiTokenEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'api_token_created_by_fkey' })
  creator?: ApiTokenEntity;

  @Column({ type: 'timestamptz', nullable: true })
  last_used_at: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expires_at: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revoked_at: Date | null;
}
