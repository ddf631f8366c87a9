import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';

@Injectable()
export class DatabaseHealthRepository {
  constructor(private readonly db: Db) {}

  /** A round trip through the pool: readiness means a request could run SQL now. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
