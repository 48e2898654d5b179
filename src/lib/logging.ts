// What a request looks like in the logs. Fastify's default would write the whole URL, and the calendar feed's URL
// carries its secret token: anyone who reads the logs could subscribe to a therapist's calendar.
import type { FastifyRequest } from 'fastify';

const SECRET_QUERY_PARAMETERS = /([?&]token=)[^&#]*/gi;

/** `/therapists/t1/calendar.ics?token=abc` → `/therapists/t1/calendar.ics?token=[redacted]` */
export function redactUrlSecrets(url: string): string {
  return url.replace(SECRET_QUERY_PARAMETERS, '$1[redacted]');
}

export function serializeRequestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrlSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
