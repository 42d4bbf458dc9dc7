import type { ObjectRef } from '@pothos/core';
import type { Connection, PageInfo } from '../resolvers/pagination.ts';
import { builder } from './builder.ts';

const PageInfoRef = builder.objectRef<PageInfo>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

/** `<Name>Connection` and `<Name>Edge`, Relay style, with totalCount computed only when asked for. */
type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export function connectionType<Node>(name: string, nodeRef: ObjectRef<Types, Node>) {
  const EdgeRef = builder.objectRef<{ cursor: string; node: Node }>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      // The generic Node defeats Pothos' result inference; the ref guarantees the shape.
      node: t.field({ type: nodeRef, resolve: (edge) => edge.node as never }),
    }),
  });
  return builder.objectRef<Connection<Node>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [EdgeRef], resolve: (connection) => connection.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (connection) => connection.pageInfo }),
      totalCount: t.int({ resolve: (connection) => connection.totalCount() }),
    }),
  });
}
