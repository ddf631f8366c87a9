import { Global, Module } from '@nestjs/common';
import { EventNotifications } from './event-notifications';
import { OutboxRepository } from './outbox.repository';

/** Global: every lib whose changes cause events appends them in its own transaction; the alerts read them back. */
@Global()
@Module({ providers: [OutboxRepository, EventNotifications], exports: [OutboxRepository, EventNotifications] })
export class OutboxModule {}
