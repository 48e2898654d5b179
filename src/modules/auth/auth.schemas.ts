import { z } from 'zod';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

export const displayNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

export const registerBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: displayNameSchema,
  role: z.enum(['client', 'therapist'], { message: "must be 'client' or 'therapist' (admins cannot self-register)" }),
});
export type RegisterInput = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  // No length rules on login: a wrong password is a 401 like any other.
  password: z.string().min(1).max(1000),
});
export type LoginInput = z.infer<typeof loginBodySchema>;

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['client', 'therapist', 'admin']),
    therapistId: z.string().optional().describe('The public therapist profile id, for therapists'),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userSchema>;

export const sessionSchema = z.object({ token: z.string().describe('Bearer access token'), user: userSchema });
