import {
  getNamedType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * The fields a cached message page may select, per type: each depends only on the conversation's messages (their
 * rows, their order, their count) and on the shown columns of their senders' profiles, which is what the versions of
 * the page_versions migration follow. Anything else (a sender's settings or presence, the conversation's name) makes
 * the operation uncacheable.
 */
const CACHEABLE_FIELDS: Record<string, ReadonlySet<string>> = {
  Query: new Set(['messages']),
  MessageConnection: new Set(['edges', 'pageInfo', 'totalCount']),
  MessageEdge: new Set(['cursor', 'node']),
  PageInfo: new Set(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']),
  Message: new Set([
    'id',
    'content',
    'type',
    'replyTo',
    'clientMessageId',
    'cursor',
    'createdAt',
    'editedAt',
    'deletedAt',
    'isDeleted',
    'sender',
  ]),
  Profile: new Set(['id', 'username', 'fullName', 'avatarUrl', 'type']),
};

/** Directives that only choose fields by variables (which are part of the cache key). */
const PLAIN_DIRECTIVES = new Set(['include', 'skip']);

export interface PageShape {
  /** The operation's variables, in definition order: their values key the cache. */
  variables: string[];
  /** The conversation the page is of, from the variables or a literal. */
  conversationId(variables: Record<string, unknown>): unknown;
}

/**
 * The page shape of an operation when it is a query of one `messages` page that selects only cacheable fields, else
 * null.
 */
export function pageShapeOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): PageShape | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const roots: ValueNode[] = [];
  const cacheable = (selectionSet: SelectionSetNode, typeName: string, depth: number, seen: Set<string>): boolean => {
    const allowed = CACHEABLE_FIELDS[typeName];
    const type = schema.getType(typeName);
    if (!allowed || !isObjectType(type)) return false;
    for (const selection of selectionSet.selections) {
      if (selection.directives?.some((d) => !PLAIN_DIRECTIVES.has(d.name.value))) return false;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (!allowed.has(name)) return false;
        if (depth === 0) {
          const argument = selection.arguments?.find((a) => a.name.value === 'conversationId');
          if (!argument) return false;
          roots.push(argument.value);
        }
        const fieldType = getNamedType(type.getFields()[name]!.type);
        if (selection.selectionSet && !cacheable(selection.selectionSet, fieldType.name, depth + 1, seen)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && selection.typeCondition.name.value !== typeName) return false;
        if (!cacheable(selection.selectionSet, typeName, depth, seen)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || fragment.typeCondition.name.value !== typeName || seen.has(fragment.name.value)) return false;
        if (!cacheable(fragment.selectionSet, typeName, depth, new Set(seen).add(fragment.name.value))) return false;
      }
    }
    return true;
  };
  if (operation.directives?.length || !cacheable(operation.selectionSet, 'Query', 0, new Set())) return null;
  // Exactly one page: two `messages` fields could be of two conversations.
  if (roots.length !== 1) return null;
  const root = roots[0]!;
  const variables = (operation.variableDefinitions ?? []).map((v) => v.variable.name.value);
  if (root.kind === Kind.VARIABLE) {
    const name = root.name.value;
    return { variables, conversationId: (values) => values[name] };
  }
  if (root.kind === Kind.STRING) {
    const literal = root.value;
    return { variables, conversationId: () => literal };
  }
  return null;
}
