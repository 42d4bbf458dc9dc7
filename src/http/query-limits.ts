import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Hostile queries are refused during validation, before anything runs (graphql-armor, OWASP's GraphQL advice). The
 * bounds leave room for every operation a client of this schema needs (a conversation page with members, profiles and
 * last messages is depth 6); errors reach clients as BAD_USER_INPUT with a message naming the limit.
 */
export const QUERY_LIMITS = {
  depth: 10,
  aliases: 15,
  directives: 20,
  tokens: 2_000,
  cost: 5_000,
} as const;

/**
 * Armor throws from inside validation by default, which skips the hooks that give every error its code; reporting the
 * rejection as a validation error keeps it on the normal path. (Token counting runs in the parser, whose errors are
 * coded on the way out; see error-codes-plugin.ts.)
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: unknown, error: GraphQLError) => (context as ValidationContext | null)?.reportError(error),
  ],
};

export function queryLimitPlugins(options: { introspection: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: QUERY_LIMITS.depth, ignoreIntrospection: true, ...asValidationError },
      maxAliases: { n: QUERY_LIMITS.aliases, ...asValidationError },
      maxDirectives: { n: QUERY_LIMITS.directives, ...asValidationError },
      maxTokens: { n: QUERY_LIMITS.tokens },
      costLimit: { maxCost: QUERY_LIMITS.cost, ignoreIntrospection: true, ...asValidationError },
      // "Did you mean …?" would map the schema for someone who may not introspect it.
      blockFieldSuggestion: { enabled: !options.introspection },
    }),
  ];
  if (!options.introspection) {
    plugins.push({
      onValidate({ addValidationRule }) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    });
  }
  return plugins;
}
