// The search page's queries, one per kind, each a Relay connection paged by cursor.
export const MODELS = `query SearchModels($filter: ModelFilterInput, $first: Int, $after: String) {
  models(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name country license access parameterCount publisher { name slug vendor { name } } } }
  }
}`;

export const DATASETS = `query SearchDatasets($country: String, $license: String, $first: Int, $after: String) {
  datasets(country: $country, license: $license, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name country license publisher { name } } }
  }
}`;

export const ORGANIZATIONS = `query SearchOrganizations($country: String, $first: Int, $after: String) {
  organizations(country: $country, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name slug country kind vendor { name } } }
  }
}`;

export const DEPLOYMENTS = `query SearchDeployments($filter: DeploymentFilterInput, $first: Int, $after: String) {
  deployments(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name system environment criticality country owner { name } uses { name kind } } }
  }
}`;

export interface Connection<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Node }[];
}

export interface ModelHit {
  id: string;
  name: string;
  country: string | null;
  license: string | null;
  access: string;
  parameterCount: number | null;
  publisher: { name: string; slug: string; vendor: { name: string } };
}

export interface DatasetHit {
  id: string;
  name: string;
  country: string | null;
  license: string | null;
  publisher: { name: string };
}

export interface OrganizationHit {
  id: string;
  name: string;
  slug: string;
  country: string | null;
  kind: string;
  vendor: { name: string };
}

export interface DeploymentHit {
  id: string;
  name: string;
  system: string;
  environment: string;
  criticality: string;
  country: string | null;
  owner: { name: string } | null;
  uses: { name: string; kind: string };
}
