import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Clock } from '../lib/clock.ts';
import { ForbiddenError, UnauthorizedError } from '../lib/errors.ts';

export type ApiRole = 'client' | 'therapist' | 'admin';

/** Who is calling, as every service sees it. Built from the verified token, never from the request body. */
export interface Principal {
  userId: string;
  role: ApiRole;
  /** Set for therapists: the id of their public profile (`/therapists/:id`). */
  therapistId: string | null;
}

interface TokenClaims {
  sub: string;
  role: ApiRole;
  tid?: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: TokenClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Requires a valid bearer token. */
    authenticate: preHandlerAsyncHookHandler;
    /** Reads a bearer token when one is sent; anonymous otherwise (a bad token is still a 401). */
    identify: preHandlerAsyncHookHandler;
    /** Requires a valid token of one of these roles. */
    requireRole(...roles: ApiRole[]): preHandlerAsyncHookHandler;
    issueToken(principal: Principal): string;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AuthPluginOptions {
  secret: string;
  accessTokenTtlMinutes: number;
  /** Tokens are issued and checked against the app's clock, so expiry is testable and consistent. */
  clock: Clock;
}

/** The principal of an authenticated route; routes behind `authenticate` can rely on it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError('not-authenticated', 'This endpoint needs a bearer token');
  return request.principal;
}

async function verify(request: FastifyRequest, clock: Clock): Promise<Principal> {
  try {
    const claims = await request.jwtVerify<TokenClaims>({ decode: {}, verify: { clockTimestamp: clock.now().getTime() } });
    return { userId: claims.sub, role: claims.role, therapistId: claims.tid ?? null };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') {
      throw new UnauthorizedError('token-expired', 'The access token has expired; log in again');
    }
    if (code === 'FST_JWT_NO_AUTHORIZATION_IN_HEADER') {
      throw new UnauthorizedError('not-authenticated', 'This endpoint needs a bearer token');
    }
    throw new UnauthorizedError('invalid-token', 'The access token is not valid');
  }
}

export default fp<AuthPluginOptions>(
  async (app, options) => {
    await app.register(fastifyJwt, {
      secret: options.secret,
      sign: { expiresIn: `${options.accessTokenTtlMinutes}m` },
    });
    app.decorateRequest('principal', null);

    app.decorate('issueToken', (principal: Principal) =>
      app.jwt.sign({
        sub: principal.userId,
        role: principal.role,
        ...(principal.therapistId ? { tid: principal.therapistId } : {}),
      }, { clockTimestamp: options.clock.now().getTime() }),
    );

    app.decorate('authenticate', async (request: FastifyRequest, _reply: FastifyReply) => {
      request.principal = await verify(request, options.clock);
    });

    app.decorate('identify', async (request: FastifyRequest, _reply: FastifyReply) => {
      if (request.headers.authorization) request.principal = await verify(request, options.clock);
    });

    app.decorate('requireRole', (...roles: ApiRole[]) => {
      return async (request: FastifyRequest, _reply: FastifyReply) => {
        const principal = await verify(request, options.clock);
        request.principal = principal;
        if (!roles.includes(principal.role)) {
          throw new ForbiddenError('role-not-allowed', `This action is for ${roles.join(' or ')} accounts`);
        }
      };
    });
  },
  { name: 'auth' },
);
