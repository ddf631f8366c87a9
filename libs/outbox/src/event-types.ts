/**
 * Every event type the outbox carries, with what it means. Subscriptions, the `events` GraphQL
 * subscription and docs/alerts.md name types from this list; anything else is refused by name.
 */
export const EVENT_TYPES = {
  'checkpoint.registered': 'A checkpoint was registered (not sent again for an idempotent repeat).',
  'model.registered': 'A model was registered, or a placeholder model was completed.',
  'lineage.asserted': 'A lineage edge was asserted between existing nodes (assertLineage).',
  'lineage.retracted': 'A lineage edge was retracted.',
  'exposure.changed':
    "An asserted or retracted upstream edge altered a model's, checkpoint's, dataset's or deployment's countries, vendors, unavoidable vendors or teachers; says what was added and removed, each with its explaining path.",
  'violation.opened': 'A policy violation opened (at registration, on re-evaluation, or when its waiver lapsed).',
  'violation.waived': 'A waiver now covers an open violation.',
  'violation.resolved': 'A violation no longer holds.',
  'waiver.expiring': 'A waiver expires within the warning window (PEDIGREE_WAIVER_EXPIRING_DAYS); sent once per waiver.',
  'audit.head.signed': 'A new audit tree head was signed.',
  'audit.verification.failed': "The registry's periodic self-verification of its audit trail failed.",
  digest: "A subscription's daily or weekly summary; sent only to that subscription.",
} as const;

export type EventType = keyof typeof EVENT_TYPES;

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, value);
}
