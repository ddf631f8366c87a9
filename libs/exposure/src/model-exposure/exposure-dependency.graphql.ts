import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { LineageEdgeType } from '@pedigree/lineage';
import { ExposureKind } from '../rules/exposure-kind';

@ObjectType('OwnershipLink', { description: 'One stake of an ownership chain: the owner holds this percentage of the owned organization.' })
export class OwnershipLinkType {
  @Field(() => ID, { description: 'Id of the ownership stake.' })
  stakeId: string;

  @Field(() => ID, { description: 'Id of the owner.' })
  ownerId: string;

  @Field({ description: 'Name of the owner.' })
  ownerName: string;

  @Field(() => ID, { description: 'Id of the owned organization.' })
  ownedId: string;

  @Field({ description: 'Name of the owned organization.' })
  ownedName: string;

  @Field(() => Float, { description: 'Percentage held, in (0, 100].' })
  percentage: number;
}

@ObjectType('ExposureDependency', {
  description:
    'A dependency that is not a lineage edge but a fact about the subject or one of its ancestors: who trained its weights (COMPUTE), who serves it (SERVING), or who owns its publisher (OWNERSHIP).',
})
export class ExposureDependencyType {
  @Field(() => ExposureKind, { description: 'COMPUTE, SERVING or OWNERSHIP.' })
  kind: ExposureKind;

  @Field(() => ID, { description: 'Id of the node it hangs on: the subject (depth 0) or an ancestor (see `node`).' })
  nodeId: string;

  @Field(() => ID, { nullable: true, description: 'Id of the provider or owner as recorded (see `organization`); null for self-hosted serving.' })
  organizationId: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the provider or owner.' })
  organizationName: string | null;

  @Field(() => ID, { nullable: true, description: 'The provider or owner rolled up to its ultimate controlling owner: the vendor line it counts under.' })
  vendorId: string | null;

  @Field(() => String, { nullable: true, description: 'Name of that vendor.' })
  vendorName: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The country it puts the subject in: where trained (COMPUTE) or served (SERVING) as stated, or the owner's country (OWNERSHIP); null when not stated.",
  })
  country: string | null;

  @Field({ description: 'The fact in words, e.g. "trained on Amazon Web Services (US) compute, country not stated".' })
  detail: string;

  @Field(() => Int, { description: 'Edges from the subject to the node it hangs on.' })
  depth: number;

  @Field(() => [LineageEdgeType], { description: 'One shortest chain of edges from the subject to that node, each with evidence.' })
  path: LineageEdgeType[];

  @Field({ description: 'The chain and the fact in words.' })
  explanation: string;

  @Field(() => ID, { nullable: true, description: 'The training run that states the compute (COMPUTE).' })
  trainingRunId: string | null;

  @Field(() => ID, { nullable: true, description: 'The deployment that is served (SERVING).' })
  deploymentId: string | null;

  @Field(() => [OwnershipLinkType], { description: 'The strongest chain of stakes from the owner down to the publisher (OWNERSHIP); empty otherwise.' })
  ownershipChain: OwnershipLinkType[];
}
