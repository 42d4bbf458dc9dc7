import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';

/** codegen's persisted-documents.json (client-preset `persistedDocuments: true`): { sha256 hash: document text }. */
const manifestSchema = z.record(z.string().regex(/^[\w:-]{1,128}$/), z.string().min(1));

export interface TrustedDocuments {
  /** The document for an id, or null when the id is not in the manifest. */
  lookup(id: string): string | null;
  size: number;
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const manifest = manifestSchema.safeParse(parsed);
  if (!manifest.success) throw new Error(`TRUSTED_DOCUMENTS: ${file} is not a { hash: document } manifest`);
  // Ids as codegen writes them ("sha256:<hash>", the GraphQL-over-HTTP documentId form) or as Apollo sends them (bare).
  const bare = (id: string) => id.replace(/^sha256:/, '');
  const documents = new Map(Object.entries(manifest.data).map(([id, text]) => [bare(id), text]));
  return { lookup: (id) => documents.get(bare(id)) ?? null, size: documents.size };
}

interface RequestParams {
  query?: unknown;
  extensions?: unknown;
  documentId?: unknown;
}

/** The id a client sent: Apollo's extensions.persistedQuery.sha256Hash, or documentId. */
export function documentIdOf(params: RequestParams): string | null {
  const extensions = params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined;
  const hash = extensions?.persistedQuery?.sha256Hash;
  if (typeof hash === 'string') return hash;
  return typeof params.documentId === 'string' ? params.documentId : null;
}

type Refusal = 'textNotAccepted' | 'idRequired' | 'notFound';
const refusals: Record<Refusal, [code: string, message: string]> = {
  textNotAccepted: ['PERSISTED_QUERY_ONLY', 'Only trusted documents are accepted: send the document id, not its text'],
  idRequired: ['PERSISTED_QUERY_ID_REQUIRED', 'A document id is required (extensions.persistedQuery.sha256Hash or documentId)'],
  notFound: ['PERSISTED_QUERY_NOT_FOUND', 'Unknown document id: this server accepts only its trusted documents'],
};
/** Over HTTP the refusal is a 400; a socket has no status to set. */
const refuse = (refusal: Refusal, http = false) => {
  const [code, message] = refusals[refusal];
  return new GraphQLError(message, { extensions: { code, ...(http && { http: { status: 400 } }) } });
};

/** For graphql-ws, which does not pass through yoga's params: the document text to run, or the error to answer. */
export function resolveTrustedDocument(documents: TrustedDocuments, params: RequestParams): string | GraphQLError {
  const id = documentIdOf(params);
  if (id === null) return refuse(typeof params.query === 'string' && params.query ? 'textNotAccepted' : 'idRequired');
  return documents.lookup(id) ?? refuse('notFound');
}

/** The HTTP side (GET, POST, SSE): yoga's persisted-operations plugin, refusing any document not in the manifest. */
export function useTrustedDocuments(documents: TrustedDocuments): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: false,
    extractPersistedOperationId: (params) => documentIdOf(params as RequestParams),
    getPersistedOperation: (id) => documents.lookup(id),
    customErrors: {
      persistedQueryOnly: () => refuse('textNotAccepted', true),
      keyNotFound: () => refuse('idRequired', true),
      notFound: () => refuse('notFound', true),
    },
  });
}
