import { ArgsType, Field, Int } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@pedigree/core';

/** The one `first`/`after` pair of every connection; argument classes extend it. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size (1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;

  @Field({ nullable: true, description: 'Cursor from a previous page.' })
  after?: string;
}
