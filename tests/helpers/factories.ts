import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { hashPassword } from '../../src/lib/passwords.ts';
import type { TestContext } from './app.ts';

export const DEFAULT_PASSWORD = 'correct horse battery';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export function uniqueSlug(label = 'type'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export interface Session {
  token: string;
  auth: { Authorization: string };
  user: { id: string; email: string; name: string; role: string; therapistId?: string };
}

function toSession(body: { token: string; user: Session['user'] }): Session {
  return { token: body.token, auth: { Authorization: `Bearer ${body.token}` }, user: body.user };
}

/** Registers through the API, as a real client or therapist would. */
export async function registerUser(
  ctx: Pick<TestContext, 'http'>,
  role: 'client' | 'therapist',
  overrides: { email?: string; name?: string; password?: string } = {},
): Promise<Session> {
  const response = await ctx.http
    .post('/auth/register')
    .send({
      email: overrides.email ?? uniqueEmail(role),
      password: overrides.password ?? DEFAULT_PASSWORD,
      name: overrides.name ?? (role === 'client' ? 'Casey Client' : 'Terry Therapist'),
      role,
    })
    .expect(201);
  return toSession(response.body);
}

/** Admins cannot self-register, so the test creates the account in the database and logs in through the API. */
export async function createAdmin(ctx: Pick<TestContext, 'http' | 'prisma' | 'config'>): Promise<Session> {
  const email = uniqueEmail('admin');
  await insertUser(ctx.prisma, { email, role: 'ADMIN', name: 'Ada Admin', passwordCost: ctx.config.PASSWORD_HASH_COST });
  return login(ctx, email, DEFAULT_PASSWORD);
}

export async function insertUser(
  prisma: PrismaClient,
  user: { email: string; role: 'CLIENT' | 'THERAPIST' | 'ADMIN'; name: string; passwordCost: number },
) {
  return prisma.user.create({
    data: {
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash: await hashPassword(DEFAULT_PASSWORD, user.passwordCost),
    },
  });
}

export async function login(ctx: Pick<TestContext, 'http'>, email: string, password: string): Promise<Session> {
  const response = await ctx.http.post('/auth/login').send({ email, password }).expect(200);
  return toSession(response.body);
}

/** A session of the given role, created fresh for the test. */
export async function loginAs(
  ctx: Pick<TestContext, 'http' | 'prisma' | 'config'>,
  role: 'client' | 'therapist' | 'admin',
): Promise<Session> {
  return role === 'admin' ? createAdmin(ctx) : registerUser(ctx, role);
}
