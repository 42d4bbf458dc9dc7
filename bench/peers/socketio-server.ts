/**
 * Benchmark peer (not part of the API): the earlier design of Uvian's real-time path, a Socket.IO 4 server with the
 * Redis adapter, on the same Postgres tables as our API. Run several of these on one Redis (same REDIS_PREFIX) to scale
 * out the way the earlier version did.
 *
 *   - connect: the client passes `auth: { token }`, an HS256 JWT verified with jose as our API does (audience, exp);
 *   - "join" (conversationId, ack): checks conversation_members in Postgres, then joins the room `conversation:<id>`;
 *   - "send" ({ conversationId, content }, ack): in one transaction takes the next seq (update conversations ...
 *     returning last_seq), inserts the message and its conversation_events row, then broadcasts "new_message" with the
 *     row to the room through the Redis adapter, and acks with the message id.
 *
 * Environment: DATABASE_URL, REDIS_URL, REDIS_PREFIX (adapter channel prefix), JWT_SECRET, PORT (0), HOST.
 * Prints {"url":"http://host:port/graphql"} on stdout once listening (the line bench/lib/api-process.ts waits for, as
 * the API prints it; the path itself means nothing here); SIGTERM closes it.
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { jwtVerify } from 'jose';
import postgres from 'postgres';
import { Server, type Socket } from 'socket.io';

const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const secret = new TextEncoder().encode(env('JWT_SECRET'));
const sql = postgres(env('DATABASE_URL'), { max: Number(env('DATABASE_POOL_SIZE', '10')), onnotice: () => {} });
const pub = new Redis(env('REDIS_URL'));
const sub = pub.duplicate();

const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  perMessageDeflate: false,
  serveClient: false,
  adapter: createAdapter(pub, sub, { key: `${env('REDIS_PREFIX', '')}socket.io` }),
});

type Ack = (response: unknown) => void;
const room = (conversationId: string) => `conversation:${conversationId}`;

io.use((socket, next) => void authenticate(socket, next));

async function authenticate(socket: Socket, next: (error?: Error) => void) {
  try {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string') throw new Error('no token');
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      audience: 'authenticated',
      requiredClaims: ['exp', 'sub'],
    });
    socket.data.userId = payload.sub;
    next();
  } catch {
    next(new Error('Authentication failed'));
  }
}

io.on('connection', (socket) => {
  const userId = socket.data.userId as string;

  socket.on('join', async (conversationId: string, ack: Ack) => {
    try {
      const [member] = await sql`
        select 1 from conversation_members where conversation_id = ${conversationId} and user_id = ${userId}`;
      if (!member) return ack({ error: 'Access denied' });
      await socket.join(room(conversationId));
      ack({ ok: true });
    } catch (error) {
      ack({ error: String(error) });
    }
  });

  socket.on('send', async (input: { conversationId: string; content: string }, ack: Ack) => {
    try {
      const message = await sql.begin(async (trx) => {
        const [member] = await trx`
          select 1 from conversation_members where conversation_id = ${input.conversationId} and user_id = ${userId}`;
        if (!member) return null;
        const [conversation] = await trx`
          update conversations
          set last_seq = last_seq + 1, message_count = message_count + 1, updated_at = now(), last_activity_at = now()
          where id = ${input.conversationId} returning last_seq, message_count`;
        const seq = conversation!.last_seq as string;
        const [row] = await trx`
          insert into messages (conversation_id, sender_id, content, seq, ordinal)
          values (${input.conversationId}, ${userId}, ${input.content}, ${seq}, ${conversation!.message_count as string})
          returning id, conversation_id, sender_id, content, type, seq, created_at`;
        await trx`
          insert into conversation_events (conversation_id, seq, type, message_id)
          values (${input.conversationId}, ${seq}, 'message_added', ${row!.id})`;
        return row!;
      });
      if (!message) return ack({ error: 'Access denied' });
      io.to(room(input.conversationId)).emit('new_message', {
        id: message.id,
        conversationId: message.conversation_id,
        senderId: message.sender_id,
        content: message.content,
        type: message.type,
        seq: Number(message.seq),
        createdAt: (message.created_at as Date).toISOString(),
      });
      ack({ id: message.id });
    } catch (error) {
      ack({ error: String(error) });
    }
  });
});

http.listen(Number(env('PORT', '0')), env('HOST', '127.0.0.1'), () => {
  const address = http.address();
  if (address && typeof address === 'object') {
    console.log(JSON.stringify({ msg: 'listening', url: `http://${address.address}:${address.port}/graphql` }));
  }
});

const shutdown = async () => {
  await io.close();
  await Promise.allSettled([sql.end({ timeout: 2 }), pub.quit(), sub.quit()]);
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
