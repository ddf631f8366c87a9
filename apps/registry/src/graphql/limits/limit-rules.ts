import { FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { limitError } from './limit-error';

interface Counts {
  depth: number;
  aliases: number;
  directives: number;
}

/**
 * Depth, aliases and directives of each operation with its fragments expanded, so nothing hides
 * in a fragment. Aliased `__typename` counts like any alias: each is a field the server answers.
 * Introspection (`__schema`, `__type`) is left out of depth: GraphiQL's own query is deep.
 */
function measure(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): Counts {
  const out: Counts = { depth: 0, aliases: 0, directives: 0 };
  for (const s of set.selections) {
    out.directives += s.directives?.length ?? 0;
    let inner: Counts | null = null;
    let step = 0;
    if (s.kind === Kind.FIELD) {
      if (s.alias) out.aliases++;
      if (s.name.value === '__schema' || s.name.value === '__type') continue;
      step = 1;
      if (s.selectionSet) inner = measure(s.selectionSet, fragments, seen);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(s.selectionSet, fragments, seen);
    } else {
      const f = fragments.get(s.name.value);
      // A fragment cycle is refused by graphql-js's own NoFragmentCycles rule; just do not loop.
      if (!f || seen.has(f.name.value)) continue;
      seen.add(f.name.value);
      out.directives += f.directives?.length ?? 0;
      inner = measure(f.selectionSet, fragments, seen);
      seen.delete(f.name.value);
    }
    out.depth = Math.max(out.depth, step + (inner?.depth ?? 0));
    out.aliases += inner?.aliases ?? 0;
    out.directives += inner?.directives ?? 0;
  }
  return out;
}

export interface ShapeLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

/** One validation rule for the three shape limits; refused before any resolver or SQL runs. */
export function shapeLimitRule(limits: ShapeLimits): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const c = measure(node.selectionSet, fragments, new Set());
        c.directives += node.directives?.length ?? 0;
        if (c.depth > limits.maxDepth) {
          context.reportError(
            limitError(
              `Query depth ${c.depth} is over the limit of ${limits.maxDepth} (PEDIGREE_MAX_DEPTH), fragments included. Select less deeply or split the query.`,
              'PEDIGREE_MAX_DEPTH',
              { max: limits.maxDepth, found: c.depth },
            ),
          );
        }
        if (c.aliases > limits.maxAliases) {
          context.reportError(
            limitError(
              `The request uses ${c.aliases} aliases, over the limit of ${limits.maxAliases} (PEDIGREE_MAX_ALIASES; aliased __typename counts too). Send several requests instead.`,
              'PEDIGREE_MAX_ALIASES',
              { max: limits.maxAliases, found: c.aliases },
            ),
          );
        }
        if (c.directives > limits.maxDirectives) {
          context.reportError(
            limitError(
              `The request uses ${c.directives} directives, over the limit of ${limits.maxDirectives} (PEDIGREE_MAX_DIRECTIVES).`,
              'PEDIGREE_MAX_DIRECTIVES',
              { max: limits.maxDirectives, found: c.directives },
            ),
          );
        }
      },
    };
  };
}
