// Just enough MIME (RFC 2045/2046) to look inside the messages our transport composes: split multiparts by their
// boundary, decode base64 and quoted-printable bodies. Not a general parser; tests use it to assert what a mail
// client would find.

export interface MimePart {
  /** Header names lower-cased, folded lines joined. */
  headers: Record<string, string>;
  contentType: string;
  body: string;
  parts: MimePart[];
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decode(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

export function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(split === -1 ? raw : raw.slice(0, split));
  const rawBody = split === -1 ? '' : raw.slice(split + 4);
  const contentType = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!/^multipart\//i.test(contentType) || !boundary) {
    return { headers, contentType, body: decode(rawBody, headers['content-transfer-encoding']), parts: [] };
  }
  const sections = rawBody.split(`--${boundary}`);
  // sections[0] is the preamble; the last section starts with "--" (the closing delimiter).
  const parts = sections
    .slice(1)
    .filter((section) => !section.startsWith('--'))
    .map((section) => parseMime(section.replace(/^\r\n/, '').replace(/\r\n$/, '')));
  return { headers, contentType, body: '', parts };
}

/** Every leaf part, depth first. */
export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}
