import { Global, Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';

/** Global: every lib whose changes cause events appends them in its own transaction. */
@Global()
@Module({ providers: [OutboxRepository], exports: [OutboxRepository] })
export class OutboxModule {}
