/**
 * A full garbage collection in another Node process through its inspector (started with `--inspect=127.0.0.1:0`), so
 * that memory is read without what a burst of work left behind: the same for every system measured.
 */
import WebSocket from 'ws';

/** The flag that makes a process inspectable on a free loopback port. */
export const INSPECT_FLAG = '--inspect=127.0.0.1:0';

/** The line Node prints on stderr when its inspector listens. */
export const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/;

/** Two full collections (the second frees what the first's finalizers released), then the socket closes. */
export async function collectGarbage(inspectorUrl: string): Promise<void> {
  const socket = new WebSocket(inspectorUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  try {
    let nextId = 0;
    const call = (method: string) =>
      new Promise<void>((resolve, reject) => {
        const id = (nextId += 1);
        const onMessage = (data: Buffer) => {
          const message = JSON.parse(data.toString()) as { id?: number; error?: { message: string } };
          if (message.id !== id) return;
          socket.off('message', onMessage);
          if (message.error) reject(new Error(`${method}: ${message.error.message}`));
          else resolve();
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ id, method }));
      });
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.disable');
  } finally {
    socket.close();
  }
}
