import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { assertRegistryId, conflict, invalidInput, notFound } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { DeliveryFilter, WebhookAttemptRecord, WebhookDeliveryRecord, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly db: Db,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly worker: WebhookDeliveryWorker,
    private readonly audit: AuditRecorder,
  ) {}

  page(filter: DeliveryFilter, beforeId: string | null, limit: number) {
    if (filter.subscriptionId) assertRegistryId(filter.subscriptionId, 'subscriptionId', 'webhook subscription id');
    if (filter.eventId && !UUID.test(filter.eventId)) throw invalidInput('eventId', `"${filter.eventId}" is not an event id`, 'the uuid of `webhook-id`');
    return this.deliveries.page(filter, beforeId, limit);
  }

  attemptsOf(ids: readonly string[]): Promise<WebhookAttemptRecord[]> {
    return this.deliveries.attemptsOf(ids);
  }

  /** Sends a dead-lettered (or filtered) delivery again, with a fresh set of attempts. Audited. */
  async replay(id: string): Promise<WebhookDeliveryRecord> {
    assertRegistryId(id, 'id', 'webhook delivery id');
    const replayed = await this.db.transaction(async () => {
      if (!(await this.deliveries.replay(id))) {
        const [existing] = await this.deliveries.findByIds([id]);
        if (!existing) throw notFound('Webhook delivery', id, 'id');
        throw conflict(`id: delivery ${id} is ${existing.status}; only DEAD or FILTERED deliveries are replayed.`, ['id'], { status: existing.status });
      }
      await this.audit.record('replayWebhookDelivery', { id }, [id]);
      return (await this.deliveries.findByIds([id]))[0];
    });
    this.worker.wake();
    return replayed;
  }
}
