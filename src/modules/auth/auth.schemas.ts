import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './password.rules.ts';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const displayNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

export const registerBodySchema = z
  .strictObject({
    email: emailSchema.describe('Login and contact address; compared without regard to letter case'),
    password: passwordSchema.describe(
      '10 to 200 characters; not only spaces, not the email or name, and not a common or easily guessed password',
    ),
    name: displayNameSchema.describe('How the person is shown to others (a therapist in the directory)'),
    role: z
      .enum(['client', 'therapist'], { message: "must be 'client' or 'therapist' (admins cannot self-register)" })
      .describe('client: books sessions. therapist: offers them, once certified. Admins are never self-registered'),
  })
  // The rule needs the email and name, so it runs once every field is valid; its 400 names the reason.
  .superRefine(
    (body, ctx) => {
      const problem = passwordProblem(body.password, { email: body.email, name: body.name });
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    },
    { when: (payload) => payload.issues.length === 0 },
  )
  .meta({
    example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace', role: 'client' },
  });
export type RegisterInput = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z
  .strictObject({
    email: emailSchema.describe('The address the account was registered with'),
    // No length rules on login: a wrong password is a 401 like any other.
    password: z.string().min(1).max(1000).describe('The account password'),
  })
  .meta({ example: { email: 'ada@example.com', password: 'correct horse battery' } });
export type LoginInput = z.infer<typeof loginBodySchema>;

export const userSchema = z
  .object({
    id: z.string().describe('The user id'),
    email: z.string().describe('Login and contact address, lower-cased'),
    name: z.string().describe('Display name'),
    role: z.enum(['client', 'therapist', 'admin']).describe('What the user may do; fixed at registration'),
    therapistId: z.string().optional().describe('The public therapist profile id, for therapists'),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  token: z.string().describe('Bearer access token: send as `Authorization: Bearer <token>`; it expires'),
  user: userSchema.describe('The account the token belongs to'),
});
