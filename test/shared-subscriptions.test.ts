import { isObjectType, type GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema/index.ts';

/** What a resolver reads, from its source: the viewer (or a viewer loader), or ctx other than through its loaders. */
const READS_VIEWER = /viewer|unreadCount/;
const READS_CONTEXT = /\bctx\b(?!\.loaders\.|\)\s*=>)/;

function resolverSource(field: GraphQLField<unknown, unknown>): string {
  const options = field.extensions?.pothosOptions as { resolve?: unknown } | undefined;
  return typeof options?.resolve === 'function' ? options.resolve.toString() : '';
}

describe('shared subscription execution: every field says whether it depends on the viewer', () => {
  it('marks each field whose resolver reads the viewer or its context as PER_VIEWER or SAME_FOR_EVERY_VIEWER', () => {
    const schema = buildSchema();
    const unclassified: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || ['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const source = resolverSource(field);
        const classified = typeof field.extensions?.perViewer === 'boolean';
        if ((READS_VIEWER.test(source) || READS_CONTEXT.test(source)) && !classified) unclassified.push(`${type.name}.${field.name}`);
      }
    }
    expect(unclassified).toEqual([]);
  });
});
