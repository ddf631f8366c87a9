import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { EvidenceInput, EvidenceType } from '@pedigree/graphql-common';

@ObjectType('CustomLicense', { description: 'A license without an SPDX id, with the terms that drive compliance answers.' })
export class CustomLicenseType {
  @Field({ description: 'The `LicenseRef-…` id used in license expressions.' })
  key: string;

  @Field({ description: 'Full name.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Where the license text is published.' })
  url: string | null;

  @Field({ description: 'Whether commercial use is permitted at all.' })
  commercialUse: boolean;

  @Field({ description: 'True when use is restricted to non-commercial purposes.' })
  nonCommercial: boolean;

  @Field({ description: 'Whether derivatives must carry an attribution notice.' })
  attributionRequired: boolean;

  @Field(() => String, { nullable: true, description: 'The required notice, e.g. "Built with Llama".' })
  attributionText: string | null;

  @Field(() => String, { nullable: true, description: 'Naming obligation for derivatives, e.g. a required name prefix.' })
  namingRequirement: string | null;

  @Field(() => [String], { description: 'Use restrictions that pass through to derivatives (acceptable-use policies).' })
  useRestrictions: string[];

  @Field({
    description:
      'True when the terms forbid using the model or its output to develop models that compete with the licensor ' +
      '(e.g. the OpenAI Terms of Use: "use Output to develop models that compete with OpenAI"). Distillation policies read it.',
  })
  forbidsCompetingModels: boolean;

  @Field(() => Float, { nullable: true, description: 'Monthly active users above which a separate license is needed.' })
  userThreshold: number | null;

  @Field(() => EvidenceType, { description: 'Support for these terms.' })
  evidence: EvidenceType;
}

@InputType({ description: 'Register a custom license and its terms. Same key and values returns the existing one.' })
export class RegisterLicenseInput {
  @Field({ description: '`LicenseRef-` followed by letters, digits, `.` or `-`, e.g. `LicenseRef-llama3.1`.' })
  key: string;

  @Field({ description: 'Full name.' })
  name: string;

  @Field({ nullable: true, description: 'Where the license text is published.' })
  url?: string;

  @Field({ description: 'Whether commercial use is permitted.' })
  commercialUse: boolean;

  @Field({ nullable: true, description: 'Non-commercial only. Defaults to `!commercialUse`.' })
  nonCommercial?: boolean;

  @Field({ nullable: true, description: 'Whether derivatives must carry attribution. Default false.' })
  attributionRequired?: boolean;

  @Field({ nullable: true, description: 'The required attribution notice.' })
  attributionText?: string;

  @Field({ nullable: true, description: 'Naming obligation for derivatives.' })
  namingRequirement?: string;

  @Field(() => [String], { nullable: true, description: 'Use restrictions that pass through to derivatives.' })
  useRestrictions?: string[];

  @Field({
    nullable: true,
    description: 'The terms forbid using the model or its output to develop models that compete with the licensor. Default false.',
  })
  forbidsCompetingModels?: boolean;

  @Field(() => Float, { nullable: true, description: 'Monthly active users threshold.' })
  userThreshold?: number;

  @Field(() => EvidenceInput, { description: 'Support for these terms.' })
  evidence: EvidenceInput;
}
