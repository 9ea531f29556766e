import type { Socket } from 'node:net';

const ANSWERS: Record<string, [status: number, title: string, code: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'the request headers are larger than the server accepts'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request did not arrive in time; send it again'],
};

/**
 * Errors Node's HTTP parser meets before any route runs (headers too large, a request that did
 * not arrive within the request timeout, bytes that are not HTTP): answered as problem+json like
 * every other error, then the connection is closed. Fastify's default answers application/json.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const [status, title, code, detail] = ANSWERS[error.code ?? ''] ?? [400, 'Bad Request', 'MALFORMED_REQUEST', 'the request is not valid HTTP'];
  const body = JSON.stringify({ type: `urn:apo:problem:${code.toLowerCase()}`, title, status, code, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
