import { Args, Context, Field, GraphQLISODateTime, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, ArgsType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Permission, toPageRequest, Direction, Relation, timeSlice } from '@pedigree/core';
import { Allow, Connection, toConnection, PageArgs, selects } from '@pedigree/graphql-common';
import { LineageContext, withNodes } from './lineage.loaders';
import { AssertLineageInput, LineageEdgeType, LineageGraphType, LineageNodeType, LineagePathType, NodeRefInput, RetractLineageInput } from './lineage.graphql';
import { LineageService } from './lineage.service';
import { LINEAGE_PAGE } from './lineage-graph';

const LineageEdgeConnection = Connection(LineageEdgeType, 'LineageEdge');

@ArgsType()
class LineageArgs {
  @Field(() => NodeRefInput, { description: 'The node to start from.' })
  of: NodeRefInput;

  @Field(() => Direction, { defaultValue: Direction.ANCESTORS, description: 'ANCESTORS (sources) or DESCENDANTS (derivatives).' })
  direction: Direction;

  @Field(() => Int, { defaultValue: 25, description: 'Stop after this many edges from the root (1 to 100).' })
  maxDepth: number;

  @Field(() => [Relation], { nullable: true, description: 'Follow only these relations. Default: all.' })
  relations?: Relation[];

  @Field({ defaultValue: false, description: 'Also follow retracted edges.' })
  includeRetracted: boolean;

  @Field(() => Int, {
    defaultValue: LINEAGE_PAGE.default,
    description: `Nodes per page (1 to ${LINEAGE_PAGE.max}), nearest first; each page holds the edges that reach its nodes.`,
  })
  first: number;

  @Field({ nullable: true, description: 'Cursor from `pageInfo.endCursor` of the previous page of the same walk.' })
  after?: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Walk as recorded at this moment: edges recorded by then, retractions recorded by then. Not in the future; omit for the present.',
  })
  asOf?: Date;
}

@ArgsType()
class LineageEdgesArgs extends PageArgs {
  @Field(() => Relation, { nullable: true, description: 'Only edges with this relation.' })
  relation?: Relation;

  @Field(() => NodeRefInput, { nullable: true, description: 'Only edges whose derived side is this node.' })
  derived?: NodeRefInput;

  @Field(() => NodeRefInput, { nullable: true, description: 'Only edges whose source side is this node.' })
  source?: NodeRefInput;

  @Field({ defaultValue: false, description: 'Include retracted edges.' })
  includeRetracted: boolean;
}

@Resolver(() => LineageGraphType)
export class LineageResolver {
  constructor(private readonly service: LineageService) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => LineageGraphType, { description: 'Ancestors or descendants of a model, checkpoint or dataset, with typed edges and evidence.' })
  async lineage(@Args() args: LineageArgs, @Context() ctx: LineageContext, @Info() info: GraphQLResolveInfo) {
    const graph = await this.service.subgraph(
      args.of,
      args.direction,
      args.maxDepth,
      args.relations ?? [],
      args.includeRetracted,
      toPageRequest('lineage', args.first, args.after, LINEAGE_PAGE),
      timeSlice(args.asOf, null)?.recordedAt,
    );
    return selects(info, 'nodes', 'node') ? withNodes(graph, ctx.loaders) : graph;
  }

  @Allow(Permission.CATALOG_READ)
  @Query(() => LineagePathType, { nullable: true, description: 'The shortest chain of edges between two nodes, in either direction; null when unrelated.' })
  path(
    @Args('from', { type: () => NodeRefInput, description: 'One end.' }) from: NodeRefInput,
    @Args('to', { type: () => NodeRefInput, description: 'The other end.' }) to: NodeRefInput,
    @Args('asOf', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: 'The chain as recorded at this moment (see `lineage`); omit for the present.',
    })
    asOf?: Date | null,
  ) {
    return this.service.path(from, to, timeSlice(asOf, null)?.recordedAt);
  }

  @Allow(Permission.CATALOG_READ)
  @Query(() => LineageEdgeConnection, { description: 'Lineage edges, filtered by relation or endpoint.' })
  async lineageEdges(@Args() args: LineageEdgesArgs) {
    return toConnection('edge', await this.service.edgesPage(args, toPageRequest('edge', args.first, args.after)));
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => LineageEdgeType, {
    description:
      'Add an evidenced edge between existing nodes. Rejected with CYCLE if it would close a loop. Asserting the same claim again (endpoints, relation, weight, origin, justification, documentRef) returns the existing edge and writes nothing.',
  })
  assertLineage(@Args('input', { description: 'What to register or record.' }) input: AssertLineageInput) {
    return this.service.assert(input);
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => LineageEdgeType, { description: 'Withdraw an edge with evidence. The edge is kept; queries skip it by default.' })
  retractLineage(@Args('input', { description: 'What to register or record.' }) input: RetractLineageInput) {
    return this.service.retract(input.edgeId, input.evidence, input.recordedBy);
  }
}

@Resolver(() => LineageEdgeType)
export class LineageEdgeResolver {
  @ResolveField(() => LineageNodeType, { description: 'The derived node.' })
  derived(@Parent() edge: { derivedId: string }, @Context() ctx: LineageContext) {
    return ctx.loaders.node.load(edge.derivedId);
  }

  @ResolveField(() => LineageNodeType, { description: 'The source node.' })
  source(@Parent() edge: { sourceId: string }, @Context() ctx: LineageContext) {
    return ctx.loaders.node.load(edge.sourceId);
  }
}
