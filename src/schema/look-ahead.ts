import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected at `path` below the field being resolved (e.g. ['edges', 'node'] under a
 * connection), through fragments and inline fragments whatever their type condition and directives: a resolver may
 * read more than is asked for, never less, on the strength of this.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): Set<string> {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) level = childFields(level, info.fragments).filter((field) => field.name.value === name);
  return new Set(childFields(level, info.fragments).map((field) => field.name.value));
}

function childFields(fields: readonly FieldNode[], fragments: GraphQLResolveInfo['fragments']): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) found.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const field of fields) visit(field.selectionSet, new Set());
  return found;
}
