import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * Whether the query asks for `path` below the field being resolved (through fragments too), so a
 * resolver can fetch what a large list needs in one batch instead of one field resolver per item.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, ...path: string[]): boolean {
  const within = (sets: readonly (SelectionSetNode | undefined)[], depth: number): boolean => {
    if (depth === path.length) return true;
    const fields: FieldNode[] = [];
    const collect = (set: SelectionSetNode | undefined) => {
      for (const s of set?.selections ?? []) {
        if (s.kind === Kind.FIELD) fields.push(s);
        else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet);
        else collect(info.fragments[s.name.value]?.selectionSet);
      }
    };
    sets.forEach(collect);
    const next = fields.filter((f) => f.name.value === path[depth]).map((f) => f.selectionSet);
    return next.length > 0 && within(next, depth + 1);
  };
  return within(
    info.fieldNodes.map((f) => f.selectionSet),
    0,
  );
}
