import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { encodeCursor, Page } from '@pedigree/core';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'True when more items follow `endCursor`.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a Relay connection type named `<name>Connection` with `<name>Edge` items. */
export function Connection<T>(itemType: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor: string;

    @Field(() => itemType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page.' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page ends.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}

export function toConnection<T extends { id: string }>(kind: string, page: Page<T>): ConnectionShape<T> {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(kind, node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}

/** Connection over an in-memory page whose cursors are positions. */
export function toOffsetConnection<T>(kind: string, page: Page<T> & { offset: number }): ConnectionShape<T> {
  const edges = page.items.map((node, i) => ({ cursor: encodeCursor(kind, String(page.offset + i)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}
