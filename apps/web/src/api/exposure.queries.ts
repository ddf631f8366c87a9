// The exposure report: a model's (or a deployment's) countries, vendors, teachers and licenses,
// each line with the edges of its explanation path so the page can light them up in the graph.
const PATH = 'path { id }';

export const EXPOSURE = `query ExposureReport($of: NodeRefInput, $deployment: String, $perspective: String) {
  exposure(of: $of, deployment: $deployment, perspective: $perspective) {
    perspective ancestorCount truncated
    subject { id name kind }
    deployment { name country inferenceProvider { name } }
    countries { country countryName kinds explanation nearestDepth dependencyCount nearest { name } ${PATH} }
    vendors { vendorId vendorName country kinds unavoidable weightRootVendor explanation nearest { name } ${PATH} }
    distillationSources { teacherId name access country direct explanation teacherSnapshot ${PATH} }
    foreign { countries { country } vendors { vendorId } distillationSources { teacherId } }
    licenses { expression known kinds holders { name } }
    obligations { kind license text holders { name } }
    licenseDrift { reason explanation ancestorLicense declaredLicense ancestor { name } derived { name } ${PATH} }
  }
}`;

type Path = { path: { id: string }[] };

export interface CountryLine extends Path {
  country: string | null;
  countryName: string | null;
  kinds: string[];
  explanation: string;
  nearestDepth: number;
  dependencyCount: number;
  nearest: { name: string };
}

export interface VendorLine extends Path {
  vendorId: string;
  vendorName: string;
  country: string | null;
  kinds: string[];
  unavoidable: boolean;
  weightRootVendor: boolean;
  explanation: string;
  nearest: { name: string };
}

export interface TeacherLine extends Path {
  teacherId: string;
  name: string;
  access: string | null;
  country: string | null;
  direct: boolean;
  explanation: string;
  teacherSnapshot: string | null;
}

export interface DriftLine extends Path {
  reason: string;
  explanation: string;
  ancestorLicense: string | null;
  declaredLicense: string | null;
  ancestor: { name: string };
  derived: { name: string };
}

export interface ExposureReport {
  exposure: {
    perspective: string | null;
    ancestorCount: number;
    truncated: boolean;
    subject: { id: string; name: string; kind: string };
    deployment: { name: string; country: string | null; inferenceProvider: { name: string } | null } | null;
    countries: CountryLine[];
    vendors: VendorLine[];
    distillationSources: TeacherLine[];
    foreign: { countries: { country: string | null }[]; vendors: { vendorId: string }[]; distillationSources: { teacherId: string }[] } | null;
    licenses: { expression: string; known: boolean; kinds: string[]; holders: { name: string }[] }[];
    obligations: { kind: string; license: string; text: string; holders: { name: string }[] }[];
    licenseDrift: DriftLine[];
  };
}
