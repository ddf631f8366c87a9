// GraphQL types shared by every library: evidence, connections, paging, the access decorator.
export { EvidenceInput, EvidenceType } from './evidence.graphql';
export { Connection, PageInfo, toConnection, toOffsetConnection } from './connection.graphql';
export { ACCESS_METADATA, Allow } from './allow.decorator';
export { PageArgs } from './page-args.graphql';
export { selects } from './selection';
