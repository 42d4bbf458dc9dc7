import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** ws's readyState of an open socket (WebSocket.OPEN; the type-only import keeps ws's runtime out of this file). */
const OPEN = 1;

/**
 * One unmasked, final text frame (RFC 6455, section 5.2) holding `parts` one after the other, built in one buffer and
 * written to the socket's TCP stream in one write. ws's own send writes a frame's header and its payload as two
 * buffers through a corked stream: a buffered write request for each, then a writev with its array and callbacks,
 * ~850 of the ~1,650 bytes a broadcast allocated per socket per message (and a frame of parts would need a copy to
 * join them first). Only while the socket is open and has no extension (compression) in use, which ws would apply to
 * the frame or queue it behind; otherwise ws sends the joined bytes. Writes to the same TCP stream keep their order
 * with ws's own. `plain`: no extension was negotiated (ws's getter builds the string anew; callers may keep it).
 */
export function sendTextFrame(socket: WebSocket, parts: readonly Buffer[], plain = socket.extensions === ''): void {
  let length = 0;
  for (const part of parts) length += part.length;
  const tcp = (socket as unknown as { _socket?: Duplex })._socket;
  if (socket.readyState !== OPEN || !plain || !tcp) {
    socket.send(Buffer.concat(parts, length), { binary: false });
    return;
  }
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN, text
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  let offset = header;
  for (const part of parts) offset += part.copy(frame, offset);
  tcp.write(frame);
}
