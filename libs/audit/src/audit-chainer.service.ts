import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Db } from '@pedigree/database';
import { CURRENT_HASH_VERSION, eventHash, GENESIS_HASH } from './audit-hash';
import { AuditRepository } from './audit.repository';

const BATCH = 5000;

/**
 * Chains committed events in the order it sees them commit, off the request path, so
 * registrations never queue on a chain-head lock. One chainer runs at a time across instances
 * (advisory lock); an event is chained within one interval of its commit.
 */
@Injectable()
export class AuditChainer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuditChainer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  readonly intervalMs = config().auditChainIntervalMs;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.chainPending().catch((e) => this.logger.error(`chaining failed: ${String(e)}`)), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  /** Chains everything pending; returns how many events it chained. Safe to call concurrently. */
  async chainPending(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.chainAll().finally(() => (this.running = null));
    return this.running;
  }

  private async chainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async () => {
        if (!(await this.audit.tryChainLock())) return 0;
        const pending = await this.audit.unchained(BATCH);
        if (!pending.length) return 0;
        const head = await this.audit.head();
        let seq = head?.seq ?? 0;
        let prev = head?.hash ?? GENESIS_HASH;
        const rows = pending.map((e) => {
          seq++;
          const hash = eventHash({ ...e, seq }, prev, CURRENT_HASH_VERSION);
          const row = { id: e.id, seq, prevHash: prev, hash, hashVersion: CURRENT_HASH_VERSION };
          prev = hash;
          return row;
        });
        await this.audit.setChain(rows);
        return rows.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }
}
