/**
 * Another Node process's inspector (started with `--inspect=127.0.0.1:0`): a full garbage collection, so that memory
 * is read without what a burst of work left behind (the same for every system measured), and a DevTools Protocol
 * session for other readings (heap, sampling heap profiles).
 */
import WebSocket from 'ws';

/** The flag that makes a process inspectable on a free loopback port. */
export const INSPECT_FLAG = '--inspect=127.0.0.1:0';

/** The line Node prints on stderr when its inspector listens. */
export const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/;

/** Two full collections (the second frees what the first's finalizers released), then the session closes. */
export async function collectGarbage(inspectorUrl: string): Promise<void> {
  const inspector = await Inspector.open(inspectorUrl);
  try {
    await inspector.call('HeapProfiler.enable');
    await inspector.call('HeapProfiler.collectGarbage');
    await inspector.call('HeapProfiler.collectGarbage');
    await inspector.call('HeapProfiler.disable');
  } finally {
    inspector.close();
  }
}

/** A Chrome DevTools Protocol session on an API process's inspector (`--inspect`). */
export class Inspector {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
    socket.on('close', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('inspector closed'));
      this.pending.clear();
    });
  }

  static async open(url: string): Promise<Inspector> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Inspector(socket);
  }

  call<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = (this.nextId += 1);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from the inspector`));
      }, 10_000);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Heap in use and open TCP sockets, read inside the process. */
  async state(): Promise<{ heapUsed: number; sockets: number }> {
    const { result } = await this.call<{ result: { value: string } }>('Runtime.evaluate', {
      expression:
        "JSON.stringify({ heapUsed: process.memoryUsage().heapUsed, sockets: process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length })",
      returnByValue: true,
    });
    return JSON.parse(result.value) as { heapUsed: number; sockets: number };
  }

  close() {
    this.socket.close();
  }
}
