import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  valueFromAST,
} from 'graphql';

/** Items assumed for a list whose size no argument bounds (exposure countries, license terms). */
export const UNSIZED_LIST_ITEMS = 10;
/** A connection's page size when the query does not give `first`. */
export const DEFAULT_FIRST = 50;
/** Introspection is answered from the schema in memory; GraphiQL needs it whole. */
const INTROSPECTION_COST = 100;

type Args = Record<string, unknown>;

/**
 * Work a field does besides what it selects: walks over the lineage graph and rollups over many
 * deployments. A descendants walk can reach a large share of the graph, so depth weighs more there.
 */
export const FIELD_WEIGHTS: Record<string, (args: Args) => number> = {
  'Query.lineage': (a) => (a.direction === 'DESCENDANTS' ? 100 + 20 * num(a.maxDepth, 25) : 10 + num(a.maxDepth, 25)),
  'Query.path': () => 100,
  'Query.exposure': () => 100,
  'Query.impact': () => 5000,
  'Query.portfolioExposure': () => 5000,
  // An impact walk, and for an organization or country a second walk below what it trained or owns.
  'Query.cutOffScenario': () => 5000,
  'Query.verifyAuditTrail': () => 5000,
};

export interface CostPart {
  /** Response key of a root field (its alias, if any). */
  key: string;
  field: string;
  cost: number;
  /** For a field sized by `first`: its value, and cost = fixed + first × perItem. */
  sizing: { first: number; perItem: number; fixed: number } | null;
}

export interface CostEstimate {
  total: number;
  parts: CostPart[];
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Cost of one operation: each selected field costs 1; a field sized by `first` (a page, a lineage
 * cap) multiplies what its lists select by that value, taken from literals, variables or defaults;
 * a list no argument bounds multiplies by UNSIZED_LIST_ITEMS; walks and rollups add FIELD_WEIGHTS.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Args | null | undefined,
): CostEstimate {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { total: 0, parts: [] };
  const vars = variables ?? {};
  const parts: CostPart[] = [];

  const argsOf = (node: FieldNode, def: GraphQLField<unknown, unknown>): Args => {
    const out: Args = {};
    for (const arg of def.args) {
      const given = node.arguments?.find((a) => a.name.value === arg.name);
      out[arg.name] = given ? valueFromAST(given.value, arg.type, vars) : arg.defaultValue;
    }
    return out;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, sizedParent: boolean): { cost: number; sizing: CostPart['sizing'] } => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return { cost: INTROSPECTION_COST, sizing: null };
    if (name.startsWith('__') || !('getFields' in parent)) return { cost: 1, sizing: null };
    const def = parent.getFields()[name];
    if (!def) return { cost: 1, sizing: null };
    const args = argsOf(node, def);
    const weight = FIELD_WEIGHTS[`${parent.name}.${name}`]?.(args) ?? 0;
    const type = getNamedType(def.type);
    const list = isListType(getNullableType(def.type));
    if (def.args.some((a) => a.name === 'first')) {
      // The page's lists (edges, nodes) hold `first` items; its other fields (totalCount) are answered once.
      const first = Math.max(1, num(args.first, DEFAULT_FIRST));
      const { listed, single } = node.selectionSet && isCompositeType(type) ? splitCost(node.selectionSet, type) : { listed: 0, single: 0 };
      const fixed = 1 + weight + single;
      return { cost: fixed + first * listed, sizing: { first, perItem: listed, fixed } };
    }
    const children = node.selectionSet && isCompositeType(type) ? setCost(node.selectionSet, type, false) : 0;
    const items = list && isCompositeType(type) && !sizedParent ? UNSIZED_LIST_ITEMS : 1;
    return { cost: 1 + weight + items * children, sizing: null };
  };

  /** A sized field's selections, split into its list fields (sized by `first`) and the rest. */
  const splitCost = (set: SelectionSetNode, parent: GraphQLCompositeType): { listed: number; single: number } => {
    const out = { listed: 0, single: 0 };
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const def = 'getFields' in parent ? parent.getFields()[s.name.value] : undefined;
        const cost = fieldCost(s, parent, true).cost;
        if (def && isListType(getNullableType(def.type))) out.listed += cost;
        else out.single += cost;
        continue;
      }
      const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      const inner = splitCost(fragment.selectionSet, condition && isCompositeType(condition) ? condition : parent);
      out.listed += inner.listed;
      out.single += inner.single;
    }
    return out;
  };

  const setCost = (set: SelectionSetNode, parent: GraphQLCompositeType, sized: boolean, top = false): number => {
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const { cost, sizing } = fieldCost(s, parent, sized);
        total += cost;
        if (top) parts.push({ key: s.alias?.value ?? s.name.value, field: s.name.value, cost, sizing });
        continue;
      }
      const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      total += setCost(fragment.selectionSet, condition && isCompositeType(condition) ? condition : parent, sized, top);
    }
    return total;
  };

  const total = setCost(operation.selectionSet, root, false, true);
  return { total, parts };
}

export type Fit = { keys: string[]; first: number } | { parts: number };

/**
 * What would fit: the largest `first` that, given to every sized root field (the same value for
 * each), brings the cost under the limit; or, when even `first: 1` does not, how many of the root
 * fields (each at its cheapest) fit in one request. Null when nothing useful can be said.
 */
export function whatWouldFit(estimate: CostEstimate, maxCost: number): Fit | null {
  const sized = estimate.parts.filter((p) => p.sizing && p.sizing.perItem > 0);
  const unsized = estimate.total - sized.reduce((sum, p) => sum + p.cost, 0);
  const fixed = sized.reduce((sum, p) => sum + p.sizing!.fixed, 0);
  const perItem = sized.reduce((sum, p) => sum + p.sizing!.perItem, 0);
  if (sized.length) {
    const first = Math.floor((maxCost - unsized - fixed) / perItem);
    const largest = Math.max(...sized.map((p) => p.sizing!.first));
    if (first >= 1 && first < largest) return { keys: sized.map((p) => p.key), first };
  }
  const cheapest = estimate.parts.map((p) => (p.sizing ? p.sizing.fixed + p.sizing.perItem : p.cost));
  const dearest = Math.max(...cheapest);
  const parts = Math.floor(maxCost / dearest);
  return estimate.parts.length > 1 && parts >= 1 && parts < estimate.parts.length ? { parts } : null;
}
