import type { FastifyInstance } from 'fastify';
import therapistRoutes from './therapists/therapists.routes.ts';
import certificationRoutes from './certifications/certifications.routes.ts';
import reviewRoutes from './reviews/reviews.routes.ts';
import operationsRoutes from './operations/operations.routes.ts';
import authRoutes from './auth/auth.routes.ts';
import massageTypeRoutes from './massage-types/massage-types.routes.ts';
import screeningRoutes from './screening/screening.routes.ts';
import availabilityRoutes from './availability/availability.routes.ts';
import appointmentRoutes from './appointments/appointments.routes.ts';
import calendarRoutes from './calendar/calendar.routes.ts';
import notificationRoutes from './notifications/notifications.routes.ts';

/** Every domain's routes. One line per module; order does not matter. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(therapistRoutes);
  await app.register(certificationRoutes);
  await app.register(reviewRoutes);
  await app.register(operationsRoutes);
  await app.register(authRoutes);
  await app.register(massageTypeRoutes);
  await app.register(screeningRoutes);
  await app.register(availabilityRoutes);
  await app.register(appointmentRoutes);
  await app.register(calendarRoutes);
  await app.register(notificationRoutes);
}
