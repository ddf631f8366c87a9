import { Field, FieldMiddleware, Float, GraphQLISODateTime, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EvidenceOrigin } from '@pedigree/core';

registerEnumType(EvidenceOrigin, {
  name: 'EvidenceOrigin',
  description: 'Where a claim came from.',
  valuesMap: {
    PIPELINE_DECLARATION: { description: 'Declared by the training pipeline that produced the artifact.' },
    MODEL_CARD: { description: 'Stated in the model or dataset card published with the artifact.' },
    THIRD_PARTY_REPORT: { description: 'Reported by someone other than the publisher (press, paper, registry).' },
    AUDIT_FINDING: { description: 'Established by an audit, e.g. weight similarity or a contract review.' },
  },
});

/**
 * Evidence kept in a JSON column (a model's, a dataset's, its country and license claims) comes
 * back with `observedAt` as an ISO string, which the DateTime scalar refuses to serialize; the
 * columns of lineage edges and ownership stakes hold a Date already.
 */
const observedAtAsDate: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'string' ? new Date(value) : value;
};

@InputType({ description: 'Support for a claim. Only `origin` and `justification` are required.' })
export class EvidenceInput {
  @Field(() => EvidenceOrigin, { description: 'Where the claim comes from.' })
  origin: EvidenceOrigin;

  @Field({ description: 'Why the claim holds, in words an auditor can check.' })
  justification: string;

  @Field({ nullable: true, description: 'URL of the supporting document (model card, paper, contract).' })
  documentRef?: string;

  @Field({ nullable: true, description: 'Who or what collected the evidence (a pipeline, a person, an importer).' })
  collector?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the evidence was observed. Defaults to now.' })
  observedAt?: Date;

  @Field(() => Float, { nullable: true, description: 'Confidence from 0 to 1. Defaults to 1.' })
  confidence?: number;
}

@ObjectType({ description: 'The recorded support for one claim.' })
export class EvidenceType {
  @Field(() => EvidenceOrigin, { description: 'Where the claim comes from.' })
  origin: EvidenceOrigin;

  @Field({ description: 'Why the claim holds.' })
  justification: string;

  @Field(() => String, { nullable: true, description: 'URL of the supporting document.' })
  documentRef: string | null;

  @Field(() => String, { nullable: true, description: 'Who or what collected the evidence.' })
  collector: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the evidence was observed.', middleware: [observedAtAsDate] })
  observedAt: Date;

  @Field(() => Float, { description: 'Confidence from 0 to 1.' })
  confidence: number;
}
