// The composition root of the domain: every service, built once from the core dependencies. The HTTP app exposes
// them to its routes as `app.services`; a worker process builds the same object without any HTTP at all.
import type { CoreDependencies } from './deps.ts';
import { createPasswordHasher } from './lib/passwords.ts';
import { createAppointmentLifecycleService } from './modules/appointments/appointment-lifecycle.service.ts';
import { createAppointmentsService } from './modules/appointments/appointments.service.ts';
import { createBookingService } from './modules/appointments/booking.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createScheduleService } from './modules/availability/schedule.service.ts';
import { createSlotsService } from './modules/availability/slots.service.ts';
import { createCalendarService } from './modules/calendar/calendar.service.ts';
import { createCertificationDecisionService } from './modules/certifications/certification-decisions.service.ts';
import { createCertificationService } from './modules/certifications/certifications.service.ts';
import { createMassageTypeService } from './modules/massage-types/massage-types.service.ts';
import { createNotificationService } from './modules/notifications/notifications.service.ts';
import { createReviewService } from './modules/reviews/reviews.service.ts';
import { createScreeningService } from './modules/screening/screening.service.ts';
import { createTherapistService } from './modules/therapists/therapists.service.ts';

export function createServices(core: CoreDependencies) {
  const { prisma, clock, config } = core;
  const data = { prisma, clock };
  // One per process: the bound on concurrent hashing only holds if every hash goes through the same queue.
  const passwords = createPasswordHasher({
    logCost: config.PASSWORD_HASH_COST,
    concurrency: config.PASSWORD_HASH_CONCURRENCY,
    maxQueuedHashes: config.PASSWORD_HASH_QUEUE_LIMIT,
    maxQueuedVerifications: config.PASSWORD_VERIFY_QUEUE_LIMIT,
  });
  return {
    passwords,
    auth: createAuthService({
      ...data,
      passwordHasher: passwords,
      config: {
        PASSWORD_HASH_COST: config.PASSWORD_HASH_COST,
        LOGIN_WINDOW_MINUTES: config.LOGIN_WINDOW_MINUTES,
        LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP,
        LOGIN_MAX_FAILURES_PER_IP: config.LOGIN_MAX_FAILURES_PER_IP,
        LOGIN_MAX_FAILURES_PER_ACCOUNT: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        LOGIN_ACCOUNT_WINDOW_MINUTES: config.LOGIN_ACCOUNT_WINDOW_MINUTES,
      },
    }),
    appointments: createAppointmentsService({ prisma }),
    booking: createBookingService({
      ...data,
      config: {
        CANCELLATION_WINDOW_HOURS: config.CANCELLATION_WINDOW_HOURS,
        MAX_PENDING_BOOKINGS_PER_CLIENT: config.MAX_PENDING_BOOKINGS_PER_CLIENT,
      },
    }),
    lifecycle: createAppointmentLifecycleService({
      ...data,
      config: { CANCELLATION_WINDOW_HOURS: config.CANCELLATION_WINDOW_HOURS },
    }),
    schedules: createScheduleService(data),
    slots: createSlotsService(data),
    calendars: createCalendarService(data),
    certifications: createCertificationService(data),
    certificationDecisions: createCertificationDecisionService(data),
    massageTypes: createMassageTypeService(data),
    notifications: createNotificationService({ prisma }),
    reviews: createReviewService(data),
    screenings: createScreeningService({ ...data, config: { SCREENING_RECORDS_DAYS: config.SCREENING_RECORDS_DAYS } }),
    therapists: createTherapistService(data),
  };
}

export type Services = ReturnType<typeof createServices>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The domain's services; routes call exactly one method per request. */
    services: Services;
  }
}
