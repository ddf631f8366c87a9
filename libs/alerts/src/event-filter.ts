import { invalidInput } from '@pedigree/core';
import { EVENT_TYPE_NAMES, EventEnvelope, EventType, isEventType } from '@pedigree/outbox';
import { celActivation, compileCondition } from '@pedigree/policy';

export type EventFilter = (event: EventEnvelope) => { value: boolean } | { error: string };

/**
 * A CEL filter over one event, with the policies' engine; the event is `event` (the webhook body:
 * id, type, timestamp, subject, data, auditEventId). Refused at once, naming `field`, if it does not compile.
 */
export function compileEventFilter(source: string, field: string): EventFilter {
  const run = compileCondition(source, field, ['event'], '`event.subject.environment == "PRODUCTION"`');
  return (event) => run(celActivation({ event } as never));
}

/** Checks a list of event type names, naming the bad entry by index. */
export function eventTypes(values: readonly string[], field: string, options: { allowEmpty?: boolean } = {}): EventType[] {
  if (!options.allowEmpty && !values.length) throw invalidInput(field, 'is empty', `one or more of ${EVENT_TYPE_NAMES.join(', ')}`);
  values.forEach((v, i) => {
    if (!isEventType(v)) throw invalidInput(`${field}[${i}]`, `"${v}" is not an event type`, EVENT_TYPE_NAMES.join(', '));
  });
  return [...new Set(values)] as EventType[];
}
