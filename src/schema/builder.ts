import SchemaBuilder from '@pothos/core';
import ZodPlugin from '@pothos/plugin-zod';
import type { Context } from '../context.ts';
import { UserError } from '../errors.ts';
import type { ZodError } from 'zod';

/** BAD_USER_INPUT naming the first offending argument path, e.g. `input.content`. */
export function invalidInput(zodError: ZodError): UserError {
  const issue = zodError.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input';
  return new UserError('BAD_USER_INPUT', message, field ? { field } : {});
}

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ZodPlugin],
  defaultFieldNullability: false,
  zod: { validationError: invalidInput },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
