import { describe, expect, it } from 'vitest';
import { appointmentScreeningSchema } from '../../src/modules/appointments/appointments.schemas.ts';
import { screeningFlagSchema, screeningOutcomeSchema } from '../../src/modules/screening/screening.schemas.ts';

const flag = {
  code: 'varicose-veins-severe',
  severity: 'local',
  decision: 'caution',
  clientMessage: 'Your therapist will not massage your legs, to protect the veins there.',
  therapistNote: 'Severe varicose veins: avoid the legs (fragile vessels, possible clots).',
  avoidRegions: ['legs'],
  requiresClearance: false,
  source: 'Werner & Benjamin',
};

describe('the one screening-flag schema', () => {
  it('is the schema both screening outcomes and appointments publish', () => {
    expect(screeningOutcomeSchema.shape.flags.element).toBe(screeningFlagSchema);
    expect(appointmentScreeningSchema.shape.flags.element).toBe(screeningFlagSchema);
  });

  it('accepts a flag as the rules produce it', () => {
    expect(screeningFlagSchema.parse(flag)).toEqual(flag);
  });

  it('refuses a region to avoid that is not a body region', () => {
    expect(screeningFlagSchema.safeParse({ ...flag, avoidRegions: ['left-leg'] }).success).toBe(false);
  });
});
