import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Db } from '@pedigree/database';
import { OutboxRepository } from '@pedigree/outbox';
import { GENESIS_HASH, treeHeadMessage } from './audit-hash';
import { AuditRecorder } from './audit-recorder.service';
import { AuditChainer } from './audit-chainer.service';
import { AuditRepository, TreeHeadRecord } from './audit.repository';

/**
 * Signs (size, head hash, time) with Ed25519. An outsider who keeps these heads can later prove the
 * history up to each head was not rewritten. The key comes from PEDIGREE_AUDIT_SIGNING_KEY_FILE
 * (PKCS#8 PEM); without it a key is generated once and kept next to the data.
 */
@Injectable()
export class TreeHeadService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuditTreeHead');
  private timer: NodeJS.Timeout | null = null;
  private key: KeyObject | null = null;
  private publicPem = '';
  private readonly intervalMs = config().auditHeadIntervalMs;

  constructor(
    private readonly audit: AuditRepository,
    private readonly chainer: AuditChainer,
    private readonly db: Db,
    private readonly recorder: AuditRecorder,
    private readonly outbox: OutboxRepository,
  ) {}

  onModuleInit(): void {
    this.loadKey();
    this.timer = setInterval(() => void this.signIfGrown().catch((e) => this.logger.error(`signing failed: ${String(e)}`)), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get publicKey(): string {
    return this.publicPem;
  }

  /** The signAuditTreeHead mutation: signs and records who asked, in one transaction. */
  async signOnDemand(): Promise<TreeHeadRecord> {
    return this.db.transaction(async () => {
      const head = await this.signNow();
      await this.recorder.record('signAuditTreeHead', {}, [head.id]);
      return head;
    });
  }

  /** Chains what is pending, then signs the current head. */
  async signNow(): Promise<TreeHeadRecord> {
    await this.chainer.chainPending();
    const head = await this.audit.head();
    const size = head?.seq ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;
    const signedAt = new Date();
    const signature = sign(null, Buffer.from(treeHeadMessage(size, headHash, signedAt)), this.key!).toString('base64');
    return this.db.transaction(async () => {
      const stored = await this.audit.insertHead({ size, headHash, signedAt, signature, publicKey: this.publicPem });
      const payload = { treeHeadId: stored.id, size, headHash, signedAt: signedAt.toISOString(), signature, publicKey: this.publicPem };
      await this.outbox.append([{ type: 'audit.head.signed', subject: { type: 'AUDIT_HEAD', id: stored.id }, payload }], null);
      return stored;
    });
  }

  private async signIfGrown(): Promise<void> {
    const [latest] = await this.audit.heads(1);
    const head = await this.audit.head();
    if ((head?.seq ?? 0) > (latest?.size ?? 0)) await this.signNow();
  }

  private loadKey(): void {
    const configured = config().auditSigningKeyFile;
    const file = configured ?? resolve(config().dataDir!, 'audit-signing-key.pem');
    if (existsSync(file)) {
      this.key = createPrivateKey(readFileSync(file));
    } else if (configured) {
      throw new Error(`PEDIGREE_AUDIT_SIGNING_KEY_FILE=${configured} does not exist`);
    } else {
      const { privateKey } = generateKeyPairSync('ed25519');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      this.key = privateKey;
      this.logger.warn(`Generated an audit signing key at ${file}. Set PEDIGREE_AUDIT_SIGNING_KEY_FILE to manage it yourself.`);
    }
    if (this.key.asymmetricKeyType !== 'ed25519') throw new Error('The audit signing key must be an Ed25519 private key');
    this.publicPem = createPublicKey(this.key).export({ type: 'spki', format: 'pem' }).toString();
  }
}
