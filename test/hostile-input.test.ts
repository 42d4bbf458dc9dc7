import { connect } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

/*
 * Hostile strings in every string-typed input of the schema. The inputs are found by walking the schema itself (root
 * query, mutation and subscription arguments, recursively through input objects and lists, every String, ID and custom
 * scalar), so a new argument is covered as soon as it exists. Each gets SQL fragments, markup, overlong strings, unicode
 * edge cases (NUL, lone surrogates, RTL marks, combining characters), malformed and foreign ids and forged cursors,
 * while its sibling arguments stay valid, as variables and as literals in the document. Every response must be a clean
 * refusal or an answer: never a 5xx, always JSON, every error with a code (never INTERNAL_SERVER_ERROR, which is what a
 * masked crash looks like), no stack or database detail, and nothing of another user's private conversation.
 *
 * Query depth, aliases, directives, token counts, batches and a 2 MB body are in query-limits.test.ts; the raw HTTP
 * tests here cover what it does not (10 MB, bad UTF-8, non-object bodies, deep JSON, huge single tokens).
 */

const schema = buildSchema();

// ---------------------------------------------------------------------------------------------------------------------
// The inputs, from the schema

type Operation = 'query' | 'mutation' | 'subscription';
const LIST = '[]';

interface Target {
  operation: Operation;
  field: GraphQLField<unknown, unknown>;
  /** The argument name, then input-object field names; LIST for "an element of this list". */
  path: string[];
  scalar: string;
  label: string;
}

/** Scalars that cannot hold a string; everything else (String, ID, DateTime, JSON, any new scalar) gets hostile strings. */
const NON_STRING_SCALARS = new Set(['Int', 'Float', 'Boolean']);

function stringLeaves(type: GraphQLInputType, path: string[], seen: ReadonlySet<string>): { path: string[]; scalar: string }[] {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return stringLeaves(nullable.ofType, [...path, LIST], seen);
  if (isInputObjectType(nullable)) {
    if (seen.has(nullable.name)) return [];
    const inner = new Set(seen).add(nullable.name);
    return Object.values(nullable.getFields()).flatMap((field) => stringLeaves(field.type, [...path, field.name], inner));
  }
  if (isScalarType(nullable) && !NON_STRING_SCALARS.has(nullable.name)) return [{ path, scalar: nullable.name }];
  return [];
}

function rootType(operation: Operation) {
  return operation === 'query'
    ? schema.getQueryType()
    : operation === 'mutation'
      ? schema.getMutationType()
      : schema.getSubscriptionType();
}

const TARGETS: Target[] = (['query', 'mutation', 'subscription'] as const).flatMap((operation) =>
  Object.values(rootType(operation)?.getFields() ?? {}).flatMap((field) =>
    field.args.flatMap((arg) =>
      stringLeaves(arg.type, [arg.name], new Set()).map(({ path, scalar }) => ({
        operation,
        field,
        path,
        scalar,
        label: `${operation} ${field.name}(${path.join('.').replaceAll(`.${LIST}`, LIST)}: ${scalar})`,
      })),
    ),
  ),
);

/** The argument or input field a target's value is validated on, and how many lists are between it and the value. */
function holderOf(target: Target): { name: string; extensions: Record<string, unknown> | null | undefined; lists: number } {
  const arg = target.field.args.find((candidate) => candidate.name === target.path[0])!;
  let holder: { name: string; extensions: Record<string, unknown> | null | undefined; lists: number } = {
    name: `${target.field.name}(${arg.name})`,
    extensions: arg.extensions,
    lists: 0,
  };
  let type: GraphQLInputType = arg.type;
  for (const segment of target.path.slice(1)) {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      type = nullable.ofType;
      holder = { ...holder, lists: holder.lists + 1 };
    } else if (isInputObjectType(nullable)) {
      const field = nullable.getFields()[segment]!;
      holder = { name: `${nullable.name}.${field.name}`, extensions: field.extensions, lists: 0 };
      type = field.type;
    }
  }
  return holder;
}

// ---------------------------------------------------------------------------------------------------------------------
// Fixtures: what the caller (alice) may use, and what must never reach her (eve's private conversation)

const MARKER = `zq-private-${randomBytes(6).toString('hex')}`;

interface Fixtures {
  alice: TestUser;
  bob: TestUser;
  eve: TestUser;
  spaceId: string;
  conversationId: string;
  messageId: string;
  jobId: string;
  /** Eve's: a private space, a group with frank, its messages, her job and a notification, with MARKER in them. */
  foreign: {
    spaceId: string;
    conversationId: string;
    messageId: string;
    jobId: string;
    notificationId: string;
    conversationCursor: string;
    messageCursor: string;
  };
}

let api: TestApi;
let fx: Fixtures;

interface Response {
  status: number;
  text: string;
  contentType: string;
}

interface SendOptions {
  headers?: Record<string, string>;
  /** A subscription's event stream: return after its first event (or when it stays quiet for a while). */
  firstEvent?: boolean;
  /** Send the body in chunks without a Content-Length. */
  chunked?: boolean;
}

/**
 * One request on a connection of its own (no keep-alive: a reused socket the server has just closed would fail the next
 * request, whatever the server did). Resolves with what came back, even when the server answers before the whole body
 * is sent (413) and closes; rejects only when no answer came at all.
 */
function send(body: string | Buffer, options: SendOptions = {}): Promise<Response> {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    let answered = false;
    const chunks: Buffer[] = [];
    let response: { status: number; contentType: string } | undefined;
    const finish = () => {
      if (answered || !response) return;
      answered = true;
      clearTimeout(guard);
      resolve({ ...response, text: Buffer.concat(chunks).toString('utf8') });
      req.destroy();
    };
    const req = httpRequest(
      new URL('/graphql', api.url),
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          accept: options.firstEvent ? 'text/event-stream' : 'application/graphql-response+json, application/json',
          ...(options.chunked ? {} : { 'content-length': String(payload.length) }),
          ...options.headers,
        },
      },
      (res) => {
        response = { status: res.statusCode!, contentType: String(res.headers['content-type'] ?? '') };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (options.firstEvent && /event: (?:next|complete)\ndata:[^\n]*\n\n/.test(Buffer.concat(chunks).toString('utf8'))) finish();
        });
        res.on('end', finish);
        res.on('error', finish);
      },
    );
    req.on('error', (error) => {
      if (response) finish();
      else if (!answered) {
        answered = true;
        clearTimeout(guard);
        reject(error);
      }
    });
    // A subscription that is open and quiet has nothing to say: what came so far is checked. Anything else gets a
    // guard against a hang far beyond any real answer (not a timing assertion: a hang fails either way).
    const guard = setTimeout(
      () => {
        if (options.firstEvent && response) return finish();
        answered = true;
        req.destroy();
        reject(new Error(`no answer within ${options.firstEvent ? 3 : 60} s`));
      },
      options.firstEvent ? 3_000 : 60_000,
    );
    if (options.chunked) {
      for (let offset = 0; offset < payload.length; offset += 64 * 1024) req.write(payload.subarray(offset, offset + 64 * 1024));
      req.end();
    } else {
      req.end(payload);
    }
  });
}

const post = (body: string | Buffer, token?: string, headers: Record<string, string> = {}) =>
  send(body, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

/** data of a fixture operation, failing loudly on errors. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture results, read a field or two each
async function data<T = Record<string, any>>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { text } = await post(JSON.stringify({ query, variables }), user.token);
  const json = JSON.parse(text) as { data?: T; errors?: unknown[] };
  if (json.errors?.length) throw new Error(`fixture failed: ${query}: ${JSON.stringify(json.errors)}`);
  return json.data!;
}

async function setUpFixtures(): Promise<Fixtures> {
  const alice = await api.user('alice');
  const bob = await api.user('bob');
  const eve = await api.user('eve');
  const frank = await api.user('frank');

  const space = await data(alice, 'mutation($n: String!) { createSpace(input: { name: $n }) { id } }', { n: 'Hostile input tests' });
  const spaceId = space.createSpace.id as string;
  await data(alice, 'mutation($s: ID!, $u: ID!) { addSpaceMember(spaceId: $s, userId: $u) { id } }', { s: spaceId, u: bob.id });
  const conversation = await data(
    alice,
    'mutation($s: ID!, $m: [ID!]!) { createConversation(input: { type: GROUP, name: "Alice and Bob", spaceId: $s, memberIds: $m }) { id } }',
    { s: spaceId, m: [bob.id] },
  );
  const conversationId = conversation.createConversation.id as string;
  const send = 'mutation($c: ID!, $t: String!) { sendMessage(input: { conversationId: $c, content: $t }) { id cursor } }';
  const message = await data(alice, send, { c: conversationId, t: 'hello bob' });
  await data(bob, send, { c: conversationId, t: 'hello alice' });
  const job = await data(alice, 'mutation { submitJob(input: { type: "user-analytics" }) { id } }');

  // Eve's private world. Frank writes to her while she is offline, so she gets a stored notification too.
  const eveSpace = await data(eve, 'mutation($n: String!, $d: String) { createSpace(input: { name: $n, description: $d }) { id } }', {
    n: `Space ${MARKER}`,
    d: `Description ${MARKER}`,
  });
  const eveConversation = await data(
    eve,
    'mutation($n: String!, $m: [ID!]!) { createConversation(input: { type: GROUP, name: $n, memberIds: $m }) { id } }',
    { n: `Secret ${MARKER}`, m: [frank.id] },
  );
  const foreignConversationId = eveConversation.createConversation.id as string;
  const eveMessage = await data(eve, send, { c: foreignConversationId, t: `eve says ${MARKER}` });
  await data(frank, send, { c: foreignConversationId, t: `frank says ${MARKER}` });
  await data(eve, 'mutation($s: JSON) { updateMe(input: { settings: $s }) { id } }', { s: { secret: MARKER } });
  const eveJob = await data(eve, 'mutation { submitJob(input: { type: "user-analytics" }) { id } }');
  const eveCursor = await data(eve, '{ conversations(first: 1) { edges { cursor } } }');

  // The notification is written by a background job: wait for it (bounded), as a client would poll.
  let notificationId: string | undefined;
  for (let attempt = 0; attempt < 150 && !notificationId; attempt += 1) {
    const notifications = await data(eve, '{ notifications(first: 1) { edges { node { id } } } }');
    notificationId = notifications.notifications.edges[0]?.node.id;
    if (!notificationId) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!notificationId) throw new Error("eve's notification never arrived");

  return {
    alice,
    bob,
    eve,
    spaceId,
    conversationId,
    messageId: message.sendMessage.id,
    jobId: job.submitJob.id,
    foreign: {
      spaceId: eveSpace.createSpace.id,
      conversationId: foreignConversationId,
      messageId: eveMessage.sendMessage.id,
      jobId: eveJob.submitJob.id,
      notificationId,
      conversationCursor: eveCursor.conversations.edges[0].cursor,
      messageCursor: eveMessage.sendMessage.cursor,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Valid values for the arguments around the hostile one

/**
 * A valid string for a required argument or input field that is not under attack, by `<root field>.<name>` or by
 * name. A new required string input with a name not listed here fails the test and asks for an entry.
 */
function validString(root: string, name: string): string {
  const byField: Record<string, () => string> = {
    'profile.id': () => fx.bob.id,
    'space.id': () => fx.spaceId,
    'joinSpace.id': () => fx.spaceId,
    'conversation.id': () => fx.conversationId,
    'editMessage.id': () => fx.messageId,
    'deleteMessage.id': () => fx.messageId,
    'job.id': () => fx.jobId,
    'cancelJob.id': () => fx.jobId,
    'jobUpdated.id': () => fx.jobId,
    'submitJob.type': () => 'user-analytics',
    'createSpace.type': () => 'team',
  };
  const byName: Record<string, () => string> = {
    conversationId: () => fx.conversationId,
    spaceId: () => fx.spaceId,
    messageId: () => fx.messageId,
    replyToId: () => fx.messageId,
    userId: () => fx.bob.id,
    userIds: () => fx.bob.id,
    memberIds: () => fx.bob.id,
    content: () => 'a valid message from the hostile-input test',
    name: () => 'Hostile input test',
    clientMessageId: () => randomUUID(),
  };
  const make = byField[`${root}.${name}`] ?? byName[name];
  if (!make) throw new Error(`No valid fixture for the required input ${root}.${name}: add one to validString()`);
  return make();
}

/** Enum values that make the surrounding input valid (a GROUP needs a name, which the baseline gives it). */
const ENUM_CHOICE: Record<string, string> = { ConversationType: 'GROUP' };
/** Optional fields the baseline sets anyway, so that the input as a whole is valid. */
const EXTRA_FIELDS: Record<string, Record<string, unknown>> = { CreateConversationInput: { name: 'Hostile group' } };

const isRequired = (item: { type: GraphQLInputType; defaultValue?: unknown }) =>
  isNonNullType(item.type) && item.defaultValue === undefined;

function validValue(type: GraphQLInputType, root: string, name: string): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [validValue(nullable.ofType, root, name)];
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = { ...EXTRA_FIELDS[nullable.name] };
    for (const field of Object.values(nullable.getFields())) {
      if (isRequired(field)) value[field.name] = validValue(field.type, root, field.name);
    }
    return value;
  }
  if (isEnumType(nullable)) return ENUM_CHOICE[nullable.name] ?? nullable.getValues()[0]!.name;
  switch (nullable.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'JSON':
      return {};
    case 'DateTime':
      return new Date().toISOString();
    default:
      return validString(root, name);
  }
}

/** `value` with the hostile one at `path` (creating what is around it valid); siblings keep their valid values. */
function place(type: GraphQLInputType, current: unknown, path: string[], hostile: unknown, root: string, name: string): unknown {
  if (path.length === 0) return hostile;
  const nullable = getNullableType(type);
  if (path[0] === LIST && isListType(nullable)) return [place(nullable.ofType, undefined, path.slice(1), hostile, root, name)];
  if (!isInputObjectType(nullable)) throw new Error(`cannot descend into ${String(type)} at ${path.join('.')}`);
  const object = { ...((current ?? validValue(type, root, name)) as Record<string, unknown>) };
  const field = nullable.getFields()[path[0]!]!;
  object[field.name] = place(field.type, object[field.name], path.slice(1), hostile, root, field.name);
  return object;
}

function argumentsFor(target: Target, hostile: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of target.field.args) {
    if (isRequired(arg)) args[arg.name] = validValue(arg.type, target.field.name, arg.name);
  }
  const arg = target.field.args.find((candidate) => candidate.name === target.path[0])!;
  args[arg.name] = place(arg.type, args[arg.name], target.path.slice(1), hostile, target.field.name, arg.name);
  return args;
}

// ---------------------------------------------------------------------------------------------------------------------
// Documents: a selection of everything the result can show (that is where a leak would be), variables or literals

function selection(type: GraphQLOutputType | GraphQLNamedType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const possible = isObjectType(named) ? [named] : schema.getPossibleTypes(named as never);
  const fieldsOf = (object: (typeof possible)[number]) =>
    Object.values(object.getFields())
      .filter((field) => !field.args.some(isRequired))
      .flatMap((field) => {
        if (isLeafType(getNamedType(field.type))) return [field.name];
        return depth > 1 ? [`${field.name} ${selection(field.type, depth - 1)}`] : [];
      });
  if (isObjectType(named)) return `{ __typename ${fieldsOf(named).join(' ')} }`;
  return `{ __typename ${possible.map((object) => `... on ${object.name} ${`{ ${fieldsOf(object).join(' ')} }`}`).join(' ')} }`;
}

/** A GraphQL literal for a value of the given input type (strings printed by graphql-js, escapes and all). */
function literal(type: GraphQLInputType, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return Array.isArray(value) ? `[${value.map((item) => literal(nullable.ofType, item)).join(', ')}]` : literal(nullable.ofType, value);
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${literal(fields[key]!.type, item)}`)
      .join(', ')} }`;
  }
  if (isEnumType(nullable)) return typeof value === 'string' ? value : JSON.stringify(value);
  return untypedLiteral(value);
}

function untypedLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return print({ kind: Kind.STRING, value });
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(untypedLiteral).join(', ')}]`;
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${key}: ${untypedLiteral(item)}`)
    .join(', ')} }`;
}

/** Object keys a GraphQL literal can hold: a JSON value with others can only travel as a variable. */
const expressibleInline = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Array.isArray(value)
    ? value.every(expressibleInline)
    : Object.entries(value).every(([key, item]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key) && expressibleInline(item)));

type Mode = 'variables' | 'inline';

function requestBody(target: Target, hostile: unknown, mode: Mode): string {
  const args = argumentsFor(target, hostile);
  const argDefs = new Map<string, GraphQLArgument>(target.field.args.map((arg) => [arg.name, arg]));
  const names = Object.keys(args);
  const select = selection(target.field.type, 3);
  if (mode === 'inline' && expressibleInline(args)) {
    const inline = names.map((name) => `${name}: ${literal(argDefs.get(name)!.type, args[name])}`).join(', ');
    return JSON.stringify({ query: `${target.operation} Hostile { ${target.field.name}(${inline}) ${select} }` });
  }
  const defs = names.map((name) => `$${name}: ${String(argDefs.get(name)!.type)}`).join(', ');
  const call = names.map((name) => `${name}: $${name}`).join(', ');
  return JSON.stringify({
    query: `${target.operation} Hostile(${defs}) { ${target.field.name}(${call}) ${select} }`,
    variables: args,
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// What every response must be

/** The codes of README "Errors" but INTERNAL_SERVER_ERROR (a masked crash), and the trusted-documents refusals. */
const CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'RATE_LIMITED', 'CONFLICT']);
const isExpectedCode = (code: unknown) => CODES.has(code as string) || /^PERSISTED_QUERY_[A-Z_]+$/.test(String(code));

/** Signs of an internal error reaching the client: stack frames, source paths, the database's own words. */
const INTERNAL_DETAIL = [
  /\n\s*at /,
  /\bat (?:async )?[\w$.<>[\]]+ \(/,
  /\bat (?:file|node):/,
  /\.[cm]?[jt]s:\d+/,
  /node_modules/,
  /postgres/i,
  /syntax error at or near/i,
  /relation "/i,
  /invalid input syntax/i,
  /invalid byte sequence/i,
  /violates .* constraint/i,
  /value out of range/i,
  /sqlstate/i,
  /kysely/i,
  /\b(?:TypeError|RangeError|ReferenceError|SyntaxError):/,
  /Maximum call stack/i,
  /Cannot read propert/i,
  /Unexpected error/i,
];
const FORBIDDEN_EXTENSION_KEYS = ['stack', 'originalError', 'exception', 'sql', 'query', 'parameters'];

interface GraphQLResponse {
  data?: unknown;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** Output fields by the type they hold: ID fields name rows; JSON fields hold whatever their owner stored. */
const outputFieldsOf = (scalar: string) =>
  new Set(
    Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()))
      .filter((field) => getNamedType(field.type).name === scalar)
      .map((field) => field.name),
  );
const ID_FIELDS = outputFieldsOf('ID');
const JSON_FIELDS = outputFieldsOf('JSON');

/** The values of every ID field in a result (rows it shows), not looking into JSON values. */
function idsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) idsIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (ID_FIELDS.has(key) && typeof item === 'string') found.push(item.toLowerCase());
      else if (!JSON_FIELDS.has(key)) idsIn(item, found);
    }
  }
  return found;
}

/** The JSON results in a body: one for JSON, one per `data:` line of an event stream. */
function results(response: Response): GraphQLResponse[] {
  if (response.contentType.includes('text/event-stream')) {
    return response.text
      .split('\n')
      .filter((line) => line.startsWith('data:') && line.slice(5).trim() !== '')
      .map((line) => JSON.parse(line.slice(5)) as GraphQLResponse);
  }
  return [JSON.parse(response.text) as GraphQLResponse];
}

function checkResponse(response: Response, hostile: unknown, what: string) {
  const context = `${what}\nstatus ${response.status}: ${response.text.slice(0, 2000)}`;
  expect(response.status, context).toBeLessThan(500);
  let parsed: GraphQLResponse[] = [];
  expect(() => (parsed = results(response)), context).not.toThrow();
  for (const result of parsed) {
    expect(typeof result === 'object' && result !== null && !Array.isArray(result), context).toBe(true);
    if (response.status >= 400) expect(result.errors?.length, context).toBeGreaterThan(0);
    for (const error of result.errors ?? []) {
      expect(typeof error.message, context).toBe('string');
      const code = error.extensions?.code;
      expect(isExpectedCode(code), `error code ${String(code)} in ${context}`).toBe(true);
      for (const key of FORBIDDEN_EXTENSION_KEYS) expect(error.extensions ?? {}, context).not.toHaveProperty(key);
      // What the caller sent may come back in a message ("Cannot query field …"): only the rest is the server's.
      let own = JSON.stringify(error);
      for (const echoed of [hostile, JSON.stringify(hostile)]) {
        if (typeof echoed === 'string' && echoed.length > 0) own = own.split(echoed).join('');
      }
      for (const pattern of INTERNAL_DETAIL) expect(own, `${pattern} in ${context}`).not.toMatch(pattern);
    }
    // Eve's rows, by their ids where ids are (text the caller stored may hold her ids: that is not her row).
    const foreign = new Set(foreignRowIds());
    for (const id of idsIn(result.data)) expect(foreign.has(id), `eve's row ${id} in ${context}`).toBe(false);
  }
  expect(response.text, `eve's private data in ${context}`).not.toContain(MARKER);
}

/** A subscription over SSE: the whole stream when it ends by itself, else its first event (then it is closed). */
const sse = (body: string, token: string) => send(body, { firstEvent: true, headers: { authorization: `Bearer ${token}` } });

// ---------------------------------------------------------------------------------------------------------------------
// Hostile values

const SQL = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE messages; --",
  '"; DROP TABLE conversations; --',
  "') OR ('a'='a",
  "1' UNION SELECT content, id FROM messages --",
  "' AND pg_sleep(0) IS NULL --",
  '$1',
  '%',
  '_%',
  '\\',
  "E'\\x00'",
  "'::uuid",
  '/* */ OR 1=1',
];
const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.env}',
  '__proto__',
  'constructor',
];
const UNICODE = [
  '',
  ' ',
  '   \t\n  ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(10),
  '\uD800',
  '\uDFFF',
  'a\uDC00b',
  '\uDC00\uD800',
  '\u202Egnp.exe',
  '\u200F\u200E\u202A\u202B\u202C\u2066\u2069',
  '\u200B\u200C\u200D\uFEFF',
  '\u00A0\u2028\u2029\u3000',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e' + '\u0301'.repeat(500),
  '\uFFFF\uFFFE\u{10FFFF}',
  '\u001b[31mred\u001b[0m\r\n',
  'Z̸̢̛̗̲͎̀͛a̸͕̔l̴̢̓g̸̛͎o̸̱̍',
];
const LONG = [
  'a'.repeat(101),
  'a'.repeat(201),
  'é'.repeat(1001),
  'a'.repeat(2049),
  'x'.repeat(4001),
  ' '.repeat(4001) + 'x',
  '😀'.repeat(2001),
  'https://example.com/' + 'a'.repeat(3000),
  "' OR 1=1 --".repeat(2000),
  'a'.repeat(100_000),
  '\u0000'.repeat(50_000),
];

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const CURSOR_KINDS = ['seq', 'conversation', 'job', 'notification', 'message', ''];

const UUID_NIL = '00000000-0000-0000-0000-000000000000';

/** Cursors a client could forge: the format is base64url JSON of [kind, payload], so try payloads that are not ours. */
function forgedCursors(): string[] {
  const seqPayloads: unknown[] = [-1, 1.5, Number.MAX_SAFE_INTEGER, 1e300, '1', '1 OR 1=1', null, {}, []];
  const keysetPayloads: unknown[] = [
    ['2020-01-01T00:00:00.000Z', UUID_NIL],
    ['2020-01-01T00:00:00.000Z', "' OR 1=1 --"],
    ['2020-01-01T00:00:00.000Z', '-'.repeat(36)],
    ['2020-01-01T00:00:00.000Z', 'g'.repeat(36)],
    ['1', UUID_NIL],
    ['2020', UUID_NIL],
    ['Tue Mar 01 2022', UUID_NIL],
    ['0000-01-01T00:00:00Z', UUID_NIL],
    ['0000-01-01T00:00:00.000000Z', UUID_NIL],
    ['2021-02-30T00:00:00.000000Z', UUID_NIL],
    ['2020-01-01T24:00:00.000000Z', UUID_NIL],
    ['2020-01-01T00:00:00.000000Z', UUID_NIL.toUpperCase().replace(/0/g, 'F')],
    ['-271821-04-20T00:00:00.000Z', UUID_NIL],
    ['+275760-09-13T00:00:00.000Z', UUID_NIL],
    ["2020-01-01'); DROP TABLE jobs; --", UUID_NIL],
    ['2020-01-01T00:00:00.000Z\u0000', UUID_NIL],
    [['nested'], UUID_NIL],
    '2020-01-01T00:00:00.000Z',
  ];
  return [
    'not-a-cursor',
    '!!!!',
    '====',
    'eyJ',
    b64('not json'),
    b64('["seq"'),
    b64(['seq']),
    b64({ kind: 'seq', payload: 1 }),
    ...seqPayloads.map((payload) => b64(['seq', payload])),
    ...['conversation', 'job', 'notification'].flatMap((kind) => keysetPayloads.map((payload) => b64([kind, payload]))),
    ...['', 'message', 'SEQ'].map((kind) => b64([kind, 1])),
  ];
}

/** Eve's private rows (her profile is public, and cursors are positions that every conversation has). */
function foreignRowIds(): string[] {
  return [fx.foreign.spaceId, fx.foreign.conversationId, fx.foreign.messageId, fx.foreign.jobId, fx.foreign.notificationId];
}

function foreignIds(): string[] {
  return [fx.foreign.spaceId, fx.foreign.conversationId, fx.foreign.messageId, fx.foreign.jobId, fx.foreign.notificationId, fx.eve.id];
}

/** Ids that are almost ids, and eve's, as they are and disguised. */
function badIds(): string[] {
  const eve = fx.foreign.conversationId;
  return [
    UUID_NIL,
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    UUID_NIL.slice(1),
    `${UUID_NIL}0`,
    'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
    '-'.repeat(36),
    '0'.repeat(32),
    `{${UUID_NIL}}`,
    `urn:uuid:${UUID_NIL}`,
    ` ${eve}`,
    `${eve}\n`,
    `${eve}\u0000`,
    `${eve}' OR '1'='1`,
    `${eve.slice(0, 35)}\u0000`,
    eve.toUpperCase(),
    eve.replaceAll('-', ''),
    '1',
    '-1',
    '9223372036854775808',
    'NaN',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    ...foreignIds(),
  ];
}

/** Every value of the catalogue above: the random runs draw from it, and glue pieces of it together. */
function catalogue(): string[] {
  return [
    ...SQL,
    ...MARKUP,
    ...UNICODE,
    ...LONG,
    ...badIds(),
    ...forgedCursors(),
    fx.foreign.conversationCursor,
    fx.foreign.messageCursor,
    `${fx.foreign.conversationCursor}' OR '1'='1`,
  ];
}

/**
 * The fixed examples every input gets before the random ones: some of each kind. String inputs (cursors and free text)
 * also get every forged cursor; an ID input refuses those as malformed ids before anything would decode them.
 */
function examples(target: Target): unknown[] {
  const eve = fx.foreign.conversationId;
  const strings = [
    "' OR '1'='1",
    "'; DROP TABLE messages; --",
    "1' UNION SELECT content, id FROM messages --",
    '<script>alert(1)</script>',
    '__proto__',
    '',
    '   \t\n  ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'a\uDC00b',
    '\u202Egnp.exe',
    '\u200B\u200C\u200D\uFEFF',
    '👩‍👩‍👧‍👦🏳️‍🌈',
    'e' + '\u0301'.repeat(500),
    '\uFFFF\uFFFE\u{10FFFF}',
    'a'.repeat(201),
    'x'.repeat(4001),
    ' '.repeat(4001) + 'x',
    '😀'.repeat(2001),
    'a'.repeat(100_000),
    '\u0000'.repeat(50_000),
    UUID_NIL,
    '-'.repeat(36),
    `{${UUID_NIL}}`,
    `${eve}\u0000`,
    `${eve}' OR '1'='1`,
    eve.toUpperCase(),
    ...foreignIds(),
    'not-a-cursor',
    fx.foreign.conversationCursor,
    fx.foreign.messageCursor,
    ...(target.scalar === 'String' ? forgedCursors() : []),
  ];
  return target.scalar === 'JSON' ? [...strings, ...jsonExamples()] : strings;
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const hostileUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.constantFrom('\u0000', "'", '"', '\\', '%', '_', ';', '-', '<', '>', '\u202E', '\u0301', '\uFEFF'), weight: 2 },
);

/** Random strings: hostile pieces glued together, random code points, and long runs of one hostile character. */
function hostileString(): fc.Arbitrary<string> {
  const pieces = fc.constantFrom(...SQL, ...MARKUP, ...UNICODE.filter((value) => value.length < 100), ...badIds());
  const whole = fc.constantFrom(...catalogue());
  return fc.oneof(
    fc.array(pieces, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
    fc.string({ unit: hostileUnit, maxLength: 64 }),
    fc.tuple(hostileUnit, fc.integer({ min: 90, max: 20_000 })).map(([unit, times]) => unit.repeat(times)),
    whole,
    fc.uuid().map((uuid) => uuid.toUpperCase()),
    fc.tuple(fc.constantFrom(...CURSOR_KINDS), fc.anything({ maxDepth: 2 })).map(([kind, payload]) => b64([kind, payload ?? null])),
    fc.tuple(fc.uuid(), pieces).map(([uuid, piece]) => uuid + piece),
  );
}

/** JSON-typed inputs take any JSON: hostile strings, and objects with hostile keys and values. */
function hostileJson(): fc.Arbitrary<unknown> {
  const string = hostileString();
  return fc.oneof(
    string,
    fc.dictionary(string, string, { maxKeys: 3 }),
    fc.record({ conversationId: string, prompt: string, userId: string, messageId: string }, { requiredKeys: [] }),
    fc.array(string, { maxLength: 4 }),
    fc.jsonValue({ maxDepth: 4 }),
    fc.integer({ min: 10, max: 500 }).map((depth) => nest(depth, 'x')),
  );
}

function nest(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

function jsonExamples(): unknown[] {
  return [
    { '\u0000': 1 },
    { key: 'a\u0000b' },
    { '\uD800': '\uDC00' },
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    { conversationId: fx.foreign.conversationId },
    { conversationId: fx.foreign.conversationId, prompt: "' OR 1=1 --" },
    { userId: fx.eve.id },
    { messageId: fx.foreign.messageId },
    { big: 'x'.repeat(17 * 1024) },
    Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
    nest(500, 'deep'),
    [nest(300, '\u0000')],
    [],
    [[[[[]]]]],
    null,
    0,
    -0,
    1e308,
    true,
  ];
}

// ---------------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  api = await startApi({
    env: { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `test-hostile-${randomBytes(4).toString('hex')}:` },
  });
  fx = await setUpFixtures();
}, 120_000);

afterAll(() => api?.stop());

describe('the inputs under test', () => {
  it('are found in the schema: every string, ID and custom-scalar argument and input field', () => {
    const labels = TARGETS.map((target) => target.label);
    console.info(`hostile-input: ${labels.length} string inputs\n  ${labels.join('\n  ')}`);
    // A few known ones, so that a broken walk fails here rather than testing nothing.
    expect(labels).toEqual(
      expect.arrayContaining([
        'query messages(after: String)',
        'mutation sendMessage(input.content: String)',
        'mutation createConversation(input.memberIds[]: ID)',
        'mutation updateMe(input.settings: JSON)',
        'mutation submitJob(input.input: JSON)',
        'subscription conversationEvents(after: String)',
      ]),
    );
    expect(labels.length).toBeGreaterThanOrEqual(40);
  });

  it('are each validated and bounded: the zod schema on each refuses a megabyte', () => {
    // Inputs checked elsewhere than in their zod schema, and why. Anything else without one fails here.
    const checkedElsewhere: Record<string, string> = {
      'SubmitJobInput.input': 'validated per job type in submitJob (JOB_TYPES: strict objects of bounded fields)',
    };
    const megabyte = 'x'.repeat(1024 * 1024);
    for (const target of TARGETS) {
      const { name, extensions, lists } = holderOf(target);
      type Schema = { safeParse(value: unknown): { success: boolean } };
      // The zod plugin's, or one the resolver applies itself when the field opens (validatedOnOpen).
      const schema =
        (extensions?.pothosOptions as { validate?: { schema?: Schema } } | undefined)?.validate?.schema ??
        (extensions?.validatedOnOpen as Schema | undefined);
      if (!schema) {
        expect(checkedElsewhere[name], `${target.label}: ${name} has no zod schema (src/schema/validation.ts)`).toBeDefined();
        continue;
      }
      let huge: unknown = target.scalar === 'JSON' ? { key: megabyte } : megabyte;
      for (let i = 0; i < lists; i += 1) huge = [huge];
      expect(schema.safeParse(huge).success, `${target.label}: ${name} takes a megabyte`).toBe(false);
    }
  });

  it('have valid fixtures around them: each query with only its required arguments, valid, is answered', async () => {
    // Otherwise the hostile runs would only be testing a broken baseline.
    const queries = new Set(TARGETS.filter((target) => target.operation === 'query').map((target) => target.field));
    for (const field of queries) {
      const required = field.args.filter(isRequired);
      const args = Object.fromEntries(required.map((arg) => [arg.name, validValue(arg.type, field.name, arg.name)]));
      const defs = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
      const call = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const query = `query Baseline${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection(field.type, 3)} }`;
      const response = await post(JSON.stringify({ query, variables: args }), fx.alice.token);
      const [result] = results(response);
      expect(result?.errors, `${field.name}: ${response.text.slice(0, 500)}`).toBeUndefined();
      checkResponse(response, undefined, `baseline ${field.name}`);
    }
  });
});

/** Random runs per input, after its fixed examples. */
const RANDOM_RUNS = 12;

// Concurrently (vitest's maxConcurrency): the server waits on Postgres most of the time, so the inputs share it.
describe.concurrent.each(TARGETS.map((target) => [target.label, target] as const))('hostile %s', (_label, target) => {
  it(
    'is refused cleanly or answered, and leaks nothing',
    async () => {
      const values: fc.Arbitrary<unknown> = target.scalar === 'JSON' ? fc.oneof(hostileString(), hostileJson()) : hostileString();
      // Each fixed example once, as a variable and as a literal in turn; the random runs pick either.
      const fixed = examples(target).map((value, i) => [value, i % 2 === 0 ? 'variables' : 'inline'] as [unknown, Mode]);
      await fc.assert(
        fc.asyncProperty(values, fc.constantFrom<Mode>('variables', 'inline'), async (hostile, mode) => {
          const body = requestBody(target, hostile, mode);
          const response =
            target.operation === 'subscription' ? await sse(body, fx.alice.token) : await post(body, fx.alice.token);
          const shown =
            typeof hostile === 'string' && hostile.length > 200
              ? `${JSON.stringify(hostile.slice(0, 200))}… (${hostile.length} characters)`
              : JSON.stringify(hostile)?.slice(0, 300);
          checkResponse(response, hostile, `${target.label} = ${shown} (${mode})`);
        }),
        { numRuns: fixed.length + RANDOM_RUNS, examples: fixed },
      );
    },
    300_000,
  );
});

// ---------------------------------------------------------------------------------------------------------------------
// Raw HTTP: what no GraphQL client would send. Query depth, aliases, directives, token counts, batches and a 2 MB body
// are in query-limits.test.ts.

describe('raw HTTP', () => {
  const auth = () => ({ authorization: `Bearer ${fx.alice.token}` });
  const json = (response: Response) => JSON.parse(response.text) as GraphQLResponse;

  it('a 10 MB body gets 413 with a clear error, and a chunked one 411, before either is read', async () => {
    const body = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(10 * 1024 * 1024) } });
    const declared = await send(body, { headers: auth() });
    checkResponse(declared, undefined, '10 MB body');
    expect(declared.status).toBe(413);
    expect(json(declared).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(json(declared).errors?.[0]?.message).toMatch(/larger than \d+ bytes/);

    const chunked = await send(body, { headers: auth(), chunked: true });
    checkResponse(chunked, undefined, '10 MB chunked body');
    expect(chunked.status).toBe(411);
    expect(json(chunked).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(json(chunked).errors?.[0]?.message).toMatch(/Content-Length/);
  });

  it('a client that goes away halfway through its body leaves the server answering others', async () => {
    const { port, hostname } = new URL(api.url);
    for (let i = 0; i < 20; i += 1) {
      const socket = connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"query":"{ me`,
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
      socket.destroy();
    }
    const after = await post(JSON.stringify({ query: '{ me { id } }' }), fx.alice.token);
    expect(after.status).toBe(200);
    expect(json(after).data).toEqual({ me: { id: fx.alice.id } });
  });

  it('bad UTF-8 in the body gets a clean 4xx or a GraphQL error, never a 500', async () => {
    const bytes = (...parts: (string | number[])[]) =>
      Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
    const conversation = 'query($id: ID!) { conversation(id: $id) { id name } }';
    const space = 'mutation($n: String!) { createSpace(input: { name: $n }) { id name } }';
    const cases: [string, Buffer, Record<string, string>?][] = [
      ['invalid bytes in an ID variable', bytes(`{"query":"${conversation}","variables":{"id":"`, [0xff, 0xfe], '"}}')],
      ['invalid bytes in a stored string', bytes(`{"query":"${space}","variables":{"n":"a`, [0xc3, 0x28], 'b"}}')],
      ['an overlong encoding', bytes(`{"query":"${space}","variables":{"n":"`, [0xc0, 0xaf], '"}}')],
      ['a surrogate encoded as UTF-8 (CESU)', bytes(`{"query":"${space}","variables":{"n":"`, [0xed, 0xa0, 0x80], '"}}')],
      ['a code point beyond U+10FFFF', bytes(`{"query":"${space}","variables":{"n":"`, [0xf4, 0x90, 0x80, 0x80], '"}}')],
      ['invalid bytes in the query text', bytes('{"query":"{ me ', [0xff], ' { id } }"}')],
      ['invalid bytes in the JSON structure', bytes('{"query"', [0xff], ':"{ me { id } }"}')],
      ['a multi-byte sequence cut off at the end', bytes('{"query":"{ me { id } }"}', [0xe2, 0x82])],
      ['a byte order mark first', bytes([0xef, 0xbb, 0xbf], '{"query":"{ me { id } }"}')],
      ['UTF-16 instead of UTF-8', Buffer.from('{"query":"{ me { id } }"}', 'utf16le')],
      ['Latin-1 declared and sent', bytes(`{"query":"${space}","variables":{"n":"caf`, [0xe9], '"}}'), { 'content-type': 'application/json; charset=iso-8859-1' }],
      ['only invalid bytes', Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x80])],
    ];
    for (const [what, body, headers] of cases) {
      const response = await send(body, { headers: { ...auth(), ...headers } });
      checkResponse(response, undefined, what);
      // Accepted or not, nothing that comes back holds an unpaired surrogate: at most U+FFFD where the bytes were.
      const strings: string[] = [];
      JSON.parse(response.text, (key, value: unknown) => {
        strings.push(key);
        if (typeof value === 'string') strings.push(value);
        return value;
      });
      expect(strings.filter((text) => /\p{Cs}/u.test(text)), what).toEqual([]);
    }
  });

  it('bodies that are not a GraphQL request object are refused cleanly', async () => {
    const notObjects = ['', ' ', '{', '}', '[]', '[{}]', '[1, 2]', '"{ me { id } }"', '42', '-1e999', 'null', 'true', 'NaN', "{'query': 1}"];
    for (const body of notObjects) {
      const response = await post(body, fx.alice.token);
      checkResponse(response, undefined, `body ${JSON.stringify(body)}`);
      expect(response.status, `body ${JSON.stringify(body)}: ${response.text}`).toBeGreaterThanOrEqual(400);
      expect(json(response).errors?.length, `body ${JSON.stringify(body)}`).toBeGreaterThan(0);
    }
    const odd = [
      {},
      { query: 42 },
      { query: null },
      { query: ['{ me { id } }'] },
      { query: { kind: 'Document', definitions: [] } },
      { query: '' },
      { query: '{ me { id } }', variables: 'x' },
      { query: '{ me { id } }', variables: [1] },
      { query: '{ me { id } }', variables: 42 },
      { query: 'query($id: ID!) { profile(id: $id) { id } }', variables: { id: { $gt: '' } } },
      { query: '{ me { id } }', operationName: {} },
      { query: '{ me { id } }', operationName: 'Nope' },
      { query: '{ me { id } }', operationName: 'x'.repeat(100_000) },
      { query: '{ me { id } }', extensions: 'x' },
      { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: "' OR 1=1 --" } } },
      { documentId: "' OR 1=1 --" },
      JSON.parse('{"__proto__": {"query": "{ me { id } }"}}'),
    ];
    for (const body of odd) {
      const text = JSON.stringify(body);
      const response = await post(text, fx.alice.token);
      checkResponse(response, undefined, `body ${text.slice(0, 200)}`);
      const result = json(response);
      expect(result.errors !== undefined || result.data !== undefined, text).toBe(true);
    }
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/json; charset=utf-32']) {
      const response = await post('{ me { id } }', fx.alice.token, { 'content-type': contentType });
      checkResponse(response, undefined, `content type ${contentType}`);
    }
  });

  it('deeply nested JSON in variables and extensions is refused cleanly, never a stack overflow', async () => {
    const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const settings = 'mutation($s: JSON) { updateMe(input: { settings: $s }) { id } }';
    for (const depth of [33, 10_000, 100_000]) {
      const cases: [string, string, boolean][] = [
        ['settings: objects', `{"query":"${settings}","variables":{"s":${objects(depth)}}}`, true],
        ['settings: arrays in an object', `{"query":"${settings}","variables":{"s":{"a":${arrays(depth)}}}}`, true],
        ['memberIds: arrays', `{"query":"mutation($m: [ID!]!) { createConversation(input: { type: GROUP, name: \\"x\\", memberIds: $m }) { id } }","variables":{"m":${arrays(depth)}}}`, true],
        ['an input object: objects in a String', `{"query":"mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }","variables":{"i":{"conversationId":"${fx.conversationId}","content":${objects(depth)}}}}`, true],
        ['job input: objects', `{"query":"mutation($s: JSON) { submitJob(input: { type: \\"user-analytics\\", input: $s }) { id } }","variables":{"s":${objects(depth)}}}`, true],
        ['an unused variable', `{"query":"{ me { id } }","variables":{"s":${objects(depth)}}}`, false],
        ['extensions', `{"query":"{ me { id } }","extensions":${objects(depth)}}`, false],
      ];
      for (const [what, body, refused] of cases) {
        const response = await post(body, fx.alice.token);
        checkResponse(response, undefined, `${what}, ${depth} deep`);
        if (refused) expect(json(response).errors?.[0]?.extensions?.code, `${what}, ${depth} deep: ${response.text.slice(0, 300)}`).toBe('BAD_USER_INPUT');
      }
    }
    // The bound itself (MAX_SETTINGS_DEPTH): 32 levels are settings, 33 are refused naming the field.
    const shallow = await post(`{"query":"${settings}","variables":{"s":${objects(32)}}}`, fx.alice.token);
    expect(json(shallow).errors, shallow.text).toBeUndefined();
    const deep = json(await post(`{"query":"${settings}","variables":{"s":${objects(33)}}}`, fx.alice.token));
    expect(deep.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.settings' } });
    expect(deep.errors?.[0]?.message).toMatch(/deep/);
    await post(`{"query":"${settings}","variables":{"s":{}}}`, fx.alice.token);
  });

  it('huge single tokens and deep nesting inside the document are refused cleanly', async () => {
    const big = 900_000;
    const documents: [string, string, 'refused' | 'answered'][] = [
      ['a 900 KB string literal', `mutation { sendMessage(input: { conversationId: "${fx.conversationId}", content: "${'x'.repeat(big)}" }) { id } }`, 'refused'],
      ['a 900 KB block string', `mutation { sendMessage(input: { conversationId: "${fx.conversationId}", content: """${'x'.repeat(big)}""" }) { id } }`, 'refused'],
      ['an unterminated 900 KB string', `{ profile(id: "${'x'.repeat(big)}`, 'refused'],
      ['a 900 KB field name', `{ ${'a'.repeat(big)} }`, 'refused'],
      ['a 900 KB number', `{ publicSpaces(first: ${'9'.repeat(big)}) { id } }`, 'refused'],
      ['a 900 KB float', `{ publicSpaces(first: 1.${'5'.repeat(big)}) { id } }`, 'refused'],
      ['a 900 KB variable name', `query($${'v'.repeat(big)}: Int) { me { id } }`, 'refused'],
      ['a 900 KB comment', `#${'c'.repeat(big)}\n{ me { id } }`, 'answered'],
      ['100,000 nested lists in an argument', `{ publicSpaces(first: ${'['.repeat(100_000)}${']'.repeat(100_000)}) { id } }`, 'refused'],
      ['400 nested lists in an argument', `{ publicSpaces(first: ${'['.repeat(400)}${']'.repeat(400)}) { id } }`, 'refused'],
      ['100,000 nested objects in a JSON argument', `mutation { updateMe(input: { settings: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)} }) { id } }`, 'refused'],
      ['300 nested objects in a JSON argument', `mutation { updateMe(input: { settings: ${'{a: '.repeat(300)}1${'}'.repeat(300)} }) { id } }`, 'refused'],
      ['100,000 nested selections of unknown fields', `{ me ${'{ a '.repeat(100_000)}${'}'.repeat(100_000)} }`, 'refused'],
      ['100,000 unclosed braces', '{'.repeat(100_000), 'refused'],
      ['a 900 KB run of NUL escapes', `{ profile(id: "${'\\u0000'.repeat(100_000)}") { id } }`, 'refused'],
    ];
    for (const [what, query, outcome] of documents) {
      const response = await post(JSON.stringify({ query }), fx.alice.token);
      checkResponse(response, undefined, what);
      const result = json(response);
      if (outcome === 'answered') expect(result.errors, `${what}: ${response.text.slice(0, 300)}`).toBeUndefined();
      else expect(result.errors?.[0]?.extensions?.code, `${what}: ${response.text.slice(0, 300)}`).toBe('BAD_USER_INPUT');
    }
  });
});
