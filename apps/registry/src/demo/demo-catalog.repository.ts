import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';

/** Serializes first-start seeding across instances; held until the seeding transaction ends. */
const SEED_LOCK = 7_312_004;

@Injectable()
export class DemoCatalogRepository {
  constructor(private readonly db: Db) {}

  async lockSeeding(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock($1)`, [SEED_LOCK]);
  }
}
