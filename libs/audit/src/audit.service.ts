import { createPublicKey, verify } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@pedigree/core';
import { AuditChainer } from './audit-chainer.service';
import { BrokenLink, GENESIS_HASH, treeHeadMessage, verifyRun } from './audit-hash';
import { AuditEventRecord, AuditFilter, AuditRepository } from './audit.repository';

export interface VerificationReport {
  ok: boolean;
  checkedEvents: number;
  pendingEvents: number;
  headHash: string;
  firstBrokenLink: BrokenLink | null;
  checkedTreeHeads: number;
  badTreeHeadIds: string[];
  hashVersions: number[];
}

const BATCH = 10_000;

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly chainer: AuditChainer,
  ) {}

  events(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEventRecord>> {
    return this.audit.page(filter, page);
  }

  /** Recomputes the whole chain from the genesis hash and checks the signed heads against it. */
  async verify(): Promise<VerificationReport> {
    await this.chainer.chainPending();
    const hashAt = new Map<number, string>();
    const heads = await this.audit.heads(100);
    const wanted = new Set(heads.map((h) => h.size));
    let seq = 1;
    let prev = GENESIS_HASH;
    let broken: BrokenLink | null = null;
    const versions = new Set<number>();
    for (;;) {
      const events = await this.audit.chainedAfter(seq - 1, BATCH);
      if (!events.length) break;
      const run = verifyRun(events, seq, prev);
      for (const v of run.versions) versions.add(v);
      for (const e of events) if (wanted.has(e.seq) && e.seq < run.nextSeq) hashAt.set(e.seq, e.hash);
      broken = run.broken;
      seq = run.nextSeq;
      prev = run.prevHash;
      if (broken || events.length < BATCH) break;
    }
    hashAt.set(0, GENESIS_HASH);
    const badTreeHeadIds = heads
      .filter((h) => {
        const signed = verify(
          null,
          Buffer.from(treeHeadMessage(h.size, h.headHash, h.signedAt)),
          createPublicKey(h.publicKey),
          Buffer.from(h.signature, 'base64'),
        );
        const matches = !broken || h.size < broken.seq ? hashAt.get(h.size) === h.headHash : false;
        return !signed || !matches;
      })
      .map((h) => h.id);
    return {
      ok: !broken && badTreeHeadIds.length === 0,
      checkedEvents: seq - 1,
      pendingEvents: await this.audit.pendingCount(),
      headHash: prev,
      firstBrokenLink: broken,
      checkedTreeHeads: heads.length,
      badTreeHeadIds,
      hashVersions: [...versions].sort((a, b) => a - b),
    };
  }
}
