import { GraphQLError, Kind, valueFromASTUntyped } from 'graphql';
import { builder } from './builder.ts';
import { formatIsoDateTime } from './iso-date-time.ts';

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date and time in UTC, e.g. 2026-11-25T09:30:00.000Z',
  serialize: (value) => formatIsoDateTime(value instanceof Date ? value : new Date(value)),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return date;
  },
  parseLiteral: (ast) => {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
