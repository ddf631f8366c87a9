// The alerts library's tables, without Nest: the data source lists them (libs/database/src/entities.ts).
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhook.entity';

export { DeliveryStatus, DigestPeriod, WebhookAttemptEntity, WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhook.entity';
export const ALERTS_ENTITIES = [WebhookSubscriptionEntity, WebhookDeliveryEntity, WebhookAttemptEntity];
