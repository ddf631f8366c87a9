import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { selects } from './selection';

function infoOf(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selects', () => {
  it.each([
    ['{ lineage { nodes { node { name } } } }', true],
    ['{ lineage { nodes { depth } } }', false],
    ['{ lineage { edges { source { name } } } }', false],
    ['{ lineage { nodes { ... on LineageNodeAtDepth { node { id } } } } }', true],
    ['{ lineage { ...F } } fragment F on LineageGraph { nodes { node { id } } }', true],
    ['{ lineage { nodes { n: node { id } } } }', true],
  ])('%s → %s', (query, expected) => {
    expect(selects(infoOf(query), 'nodes', 'node')).toBe(expected);
  });
});
