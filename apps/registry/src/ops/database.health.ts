import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseHealthRepository } from './database-health.repository';

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly database: DatabaseHealthRepository,
  ) {}

  async isReady(key = 'database') {
    const check = this.health.check(key);
    const started = Date.now();
    try {
      await this.database.ping();
      return check.up({ responseTimeMs: Date.now() - started });
    } catch {
      // The driver message may hold addresses or credentials; say only that it is down.
      return check.down({ message: 'database unreachable' });
    }
  }
}
