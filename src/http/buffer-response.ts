import { Response as FetchResponse } from '@whatwg-node/fetch';

/**
 * yoga's Response with a string body turned into bytes once. Given a string, the Response measures its UTF-8 length
 * for Content-Length (one pass over it) and the socket encodes it again when it is written (a second): for a list of
 * hundreds of kilobytes that was a tenth of the request's CPU. Given a Buffer, the length is known and the bytes are
 * written as they are.
 */
export class BufferBodyResponse extends FetchResponse {
  constructor(body?: ConstructorParameters<typeof FetchResponse>[0], init?: ConstructorParameters<typeof FetchResponse>[1]) {
    super(typeof body === 'string' ? Buffer.from(body) : body, init);
  }
}
