import { Criticality, DeploymentEnvironment, DeploymentRecord } from '@pedigree/deployment';
import { LineageEdgeRecord } from '@pedigree/lineage';

/** A substitute as the service answers it; the GraphQL field `model` loads `modelId`. */
export interface SubstituteView {
  modelId: string;
  rank: number;
  closeness: number;
  reasons: string[];
}

export interface CutOffDeploymentView {
  deployment: DeploymentRecord;
  path: LineageEdgeRecord[];
  explanation: string;
  environment: DeploymentEnvironment;
  criticality: Criticality;
  /** The model the deployment runs (or the model of its checkpoint); null if none is found. */
  currentModelId: string | null;
  substitutes: SubstituteView[];
}

export interface CutOffScenarioView {
  target: string;
  rootIds: string[];
  deployments: CutOffDeploymentView[];
  affectedDeploymentCount: number;
  withoutSubstitute: { criticality: Criticality; count: number }[];
  parameterRange: number;
  truncated: boolean;
}
