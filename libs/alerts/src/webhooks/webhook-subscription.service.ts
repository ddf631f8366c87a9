import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { config } from '@pedigree/config';
import { assertRegistryId, conflict, invalidInput, notFound, requestContext } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { compileEventFilter, eventTypes } from '../event-filter';
import { DigestPeriod } from '../webhook.entity';
import { allowList } from './webhook-address';
import { newWebhookSecret } from './webhook-signature';
import { SubscriptionWrite, WebhookSubscriptionRecord, WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { checkWebhookUrl } from './webhook-url';

export interface WebhookSubscriptionDraft {
  name?: string | null;
  url?: string | null;
  eventTypes?: readonly string[] | null;
  filter?: string | null;
  enabled?: boolean | null;
  digest?: DigestPeriod | null;
}

/** The subscription and its signing secret: returned only when the secret is new. */
export interface SubscriptionWithSecret {
  subscription: WebhookSubscriptionRecord;
  secret: string;
}

/** Webhook subscriptions: ALERTS_ADMIN only (the resolver checks), every change audited, nothing written on bad input. */
@Injectable()
export class WebhookSubscriptionService {
  private readonly allowed = allowList(config().webhookAllowHosts);

  constructor(
    private readonly db: Db,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async create(input: WebhookSubscriptionDraft): Promise<SubscriptionWithSecret> {
    const write = await this.validate(input, { name: '', url: '', eventTypes: [], filter: null, enabled: true, digest: null });
    const secret = newWebhookSecret();
    return this.db.transaction(async () => {
      const subscription = await this.subscriptions.insert(write, secret, requestContext.principal().actor);
      if (!subscription) throw conflict(`input.name: a webhook subscription named "${write.name}" exists.`, ['input.name']);
      await this.audit.record('createWebhookSubscription', input, [subscription.id]);
      return { subscription, secret };
    });
  }

  async update(id: string, input: WebhookSubscriptionDraft): Promise<WebhookSubscriptionRecord> {
    assertRegistryId(id, 'id', 'webhook subscription id');
    const [current] = await this.subscriptions.findByIds([id]);
    if (!current) throw notFound('Webhook subscription', id, 'id');
    const write = await this.validate(input, current);
    return this.db.transaction(async () => {
      if (!(await this.subscriptions.lock(id))) throw notFound('Webhook subscription', id, 'id');
      const other = write.name !== current.name ? await this.subscriptions.findByName(write.name) : null;
      if (other) throw conflict(`input.name: a webhook subscription named "${write.name}" exists.`, ['input.name']);
      const updated = await this.subscriptions.update(id, write);
      if (!updated) throw conflict(`input.name: a webhook subscription named "${write.name}" exists.`, ['input.name']);
      await this.audit.record('updateWebhookSubscription', { id, ...input }, [id]);
      return updated;
    });
  }

  /** A new secret; the previous one keeps signing for PEDIGREE_WEBHOOK_SECRET_OVERLAP_HOURS. */
  async rotateSecret(id: string): Promise<SubscriptionWithSecret> {
    assertRegistryId(id, 'id', 'webhook subscription id');
    const secret = newWebhookSecret();
    return this.db.transaction(async () => {
      if (!(await this.subscriptions.lock(id))) throw notFound('Webhook subscription', id, 'id');
      const subscription = await this.subscriptions.rotate(id, secret, config().webhookSecretOverlapHours);
      await this.audit.record('rotateWebhookSecret', { id }, [id]);
      return { subscription, secret };
    });
  }

  async delete(id: string): Promise<WebhookSubscriptionRecord> {
    assertRegistryId(id, 'id', 'webhook subscription id');
    return this.db.transaction(async () => {
      const current = await this.subscriptions.lock(id);
      if (!current) throw notFound('Webhook subscription', id, 'id');
      await this.subscriptions.delete(id);
      await this.audit.record('deleteWebhookSubscription', { id }, [id]);
      return current;
    });
  }

  list(): Promise<WebhookSubscriptionRecord[]> {
    return this.subscriptions.list();
  }

  /** Every field checked before anything is written; each error names its field. */
  private async validate(input: WebhookSubscriptionDraft, base: SubscriptionWrite): Promise<SubscriptionWrite> {
    const name = input.name === undefined || input.name === null ? base.name : input.name.trim();
    if (!name || name.length > 200) throw invalidInput('input.name', name ? 'is longer than 200 characters' : 'is empty', 'a name of 1 to 200 characters');
    const digest = input.digest === undefined ? base.digest : input.digest;
    const types =
      input.eventTypes === undefined || input.eventTypes === null
        ? base.eventTypes
        : eventTypes(input.eventTypes, 'input.eventTypes', { allowEmpty: !!digest });
    if (!types.length && !digest) throw invalidInput('input.eventTypes', 'is empty and no digest is asked for', 'one or more event types, or a digest');
    if (types.includes('digest')) throw invalidInput('input.eventTypes', '"digest" is not sent as an event type', 'set `digest: DAILY` or `WEEKLY` instead');
    const filter = input.filter === undefined ? base.filter : input.filter?.trim() || null;
    if (filter) compileEventFilter(filter, 'input.filter');
    const url = input.url === undefined || input.url === null ? base.url : (await checkWebhookUrl(input.url, 'input.url', this.allowed)).toString();
    if (!url) throw invalidInput('input.url', 'is missing', 'an https URL');
    return { name, url, eventTypes: types, filter, enabled: input.enabled ?? base.enabled, digest };
  }
}
