import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './profile.ts';
import './space.ts';
import './conversation.ts';
import './message.ts';
import './conversation-events.ts';
import './realtime.ts';
import './job.ts';

let schema: GraphQLSchema | undefined;

/** The whole schema, built once per process. */
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}
