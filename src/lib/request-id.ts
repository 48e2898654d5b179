// Request ids tie a client's report to our log lines. A proxy's or client's own id is kept when it is harmless to
// echo and log: a UUID, or up to 64 characters from a safe set. Anything else (8 KB of text, newlines, markup) is
// replaced by a fresh UUID, so a header cannot bloat or forge log lines.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
