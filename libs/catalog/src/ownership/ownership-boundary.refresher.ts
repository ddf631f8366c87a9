import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { OwnershipService } from './ownership.service';

/** Once a minute is soon enough for a date boundary, and the check costs one small read. */
export const BOUNDARY_CHECK_MS = 60_000;

/**
 * Stakes change organization_root by statement triggers when they are written, but a stake also
 * starts or ends when its validFrom or validTo day comes, with no write at all. This asks every
 * minute whether such a day passed since the last refresh, and only then refreshes. Every
 * instance may ask; the refresh takes the same advisory lock as the triggers.
 */
@Injectable()
export class OwnershipBoundaryRefresher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('OwnershipBoundaryRefresher');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;

  constructor(private readonly ownership: OwnershipService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.check(), BOUNDARY_CHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Never throws: a failed check is logged and tried again at the next tick. */
  check(): Promise<boolean> {
    this.running ??= this.ownership
      .refreshIfBoundaryPassed()
      .then((refreshed) => {
        if (refreshed) this.logger.log('a stake started or ended: organization_root refreshed');
        return refreshed;
      })
      .catch((e) => {
        this.logger.error(`ownership boundary check failed: ${String(e)}`);
        return false;
      })
      .finally(() => (this.running = null));
    return this.running;
  }
}
