import type { CertificationKind } from '../modules/certifications/certification-kinds.ts';

type Pressure = 'light' | 'medium' | 'firm' | 'variable';

export interface CatalogueEntry {
  slug: string;
  name: string;
  description: string;
  durations: number[];
  priceCents: number;
  currency: string;
  pressure: Pressure;
  requiredCertification: CertificationKind | null;
}

/** The massage types a new practice starts with; admins edit the catalogue through the API afterwards. */
export const STARTER_CATALOGUE: CatalogueEntry[] = [
  {
    slug: 'swedish',
    name: 'Swedish massage',
    description: 'Long gliding strokes and kneading for relaxation and circulation.',
    durations: [30, 60, 90],
    priceCents: 7000,
    currency: 'EUR',
    pressure: 'medium',
    requiredCertification: null,
  },
  {
    slug: 'deep-tissue',
    name: 'Deep tissue massage',
    description: 'Slow, firm pressure on deeper muscle layers and fascia.',
    durations: [60, 90],
    priceCents: 8500,
    currency: 'EUR',
    pressure: 'firm',
    requiredCertification: 'deep-tissue',
  },
  {
    slug: 'shiatsu',
    name: 'Shiatsu',
    description: 'Finger and palm pressure along meridians, clothed, on a mat.',
    durations: [60, 90],
    priceCents: 8000,
    currency: 'EUR',
    pressure: 'firm',
    requiredCertification: 'shiatsu',
  },
  {
    slug: 'hot-stone',
    name: 'Hot stone massage',
    description: 'Heated basalt stones placed and used to massage, to relax muscles with warmth.',
    durations: [60, 90],
    priceCents: 9000,
    currency: 'EUR',
    pressure: 'medium',
    requiredCertification: 'hot-stone',
  },
  {
    slug: 'aromatherapy',
    name: 'Aromatherapy massage',
    description: 'Gentle massage with diluted essential oils chosen with you.',
    durations: [60, 90],
    priceCents: 7500,
    currency: 'EUR',
    pressure: 'light',
    requiredCertification: 'aromatherapy',
  },
  {
    slug: 'prenatal',
    name: 'Prenatal massage',
    description: 'Side-lying, supported massage adapted to pregnancy by a therapist trained for it.',
    durations: [45, 60, 75],
    priceCents: 7500,
    currency: 'EUR',
    pressure: 'light',
    requiredCertification: 'prenatal',
  },
  {
    slug: 'sports',
    name: 'Sports massage',
    description: 'Targeted work for training, recovery and range of motion.',
    durations: [30, 60, 90],
    priceCents: 8500,
    currency: 'EUR',
    pressure: 'firm',
    requiredCertification: 'sports',
  },
];
