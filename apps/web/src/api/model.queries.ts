const EVIDENCE = 'origin justification documentRef confidence observedAt collector';

export const MODEL = `query ModelPage($name: String!) {
  model(name: $name) {
    id name placeholder modality tasks access parameterCount releaseDate license country countrySource
    evidence { ${EVIDENCE} }
    countryEvidence { ${EVIDENCE} }
    licenseEvidence { ${EVIDENCE} }
    licenseTerms { key name url commercialUse nonCommercial attributionRequired attributionText namingRequirement useRestrictions userThreshold forbidsCompetingModels }
    publisher { name slug country vendor { name country } }
    checkpoints { id name digest format sizeBytes registeredAt registeredBy }
    trainingRuns {
      id method computeCountry computeRegion startedAt endedAt
      computeProvider { name } operator { name }
      evidence { ${EVIDENCE} }
    }
  }
  lineageEdges(derived: { model: $name }, first: 200) {
    totalCount
    edges { node { id relation recordedBy recordedAt source { name kind } evidence { ${EVIDENCE} } } }
  }
}`;

export interface Evidence {
  origin: string;
  justification: string;
  documentRef: string | null;
  confidence: number;
  observedAt: string;
  collector: string | null;
}

export interface ModelFacts {
  id: string;
  name: string;
  placeholder: boolean;
  modality: string | null;
  tasks: string[];
  access: string;
  parameterCount: number | null;
  releaseDate: string | null;
  license: string | null;
  country: string | null;
  countrySource: 'OVERRIDE' | 'PUBLISHER';
  evidence: Evidence;
  countryEvidence: Evidence | null;
  licenseEvidence: Evidence | null;
  licenseTerms: {
    key: string;
    name: string;
    url: string | null;
    commercialUse: boolean;
    nonCommercial: boolean;
    attributionRequired: boolean;
    attributionText: string | null;
    namingRequirement: string | null;
    useRestrictions: string[];
    userThreshold: number | null;
    forbidsCompetingModels: boolean;
  }[];
  publisher: { name: string; slug: string; country: string | null; vendor: { name: string; country: string | null } };
  checkpoints: { id: string; name: string; digest: string; format: string; sizeBytes: number | null; registeredAt: string; registeredBy: string }[];
  trainingRuns: {
    id: string;
    method: string;
    computeCountry: string | null;
    computeRegion: string | null;
    startedAt: string | null;
    endedAt: string | null;
    computeProvider: { name: string } | null;
    operator: { name: string } | null;
    evidence: Evidence | null;
  }[];
}

export interface ParentEdge {
  id: string;
  relation: string;
  recordedBy: string;
  recordedAt: string;
  source: { name: string; kind: string };
  evidence: Evidence;
}

export interface ModelPageData {
  model: ModelFacts | null;
  lineageEdges: { totalCount: number; edges: { node: ParentEdge }[] };
}
