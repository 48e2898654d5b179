/**
 * The citations the health-screen rules rest on. Every rule names at least one of these ids, the flags carry the
 * full text, and the README lists them, so a client or therapist can always check where a decision comes from.
 */
export const SCREENING_SOURCES = {
  'werner-benjamin':
    "Werner, R. & Benjamin, B. E. A Massage Therapist's Guide to Pathology. " +
    'Quick-reference chart of conditions with massage cautions and contraindications.',
  'abmp-osteoporosis':
    'Werner, R. "No Bones About It: Working Safely with Clients Who Have Osteoporosis." ' +
    'Massage & Bodywork (ABMP), March/April 2024. https://www.abmp.com/textonlymags/article.php?article=2728',
  'abmp-diabetes':
    'Werner, R. "Deconstructing Diabetes." Massage & Bodywork (ABMP), November/December 2023. ' +
    'https://www.abmp.com/textonlymags/article.php?article=2676',
  'abmp-endangerment-sites':
    'Werner, R. "Take the Danger Out of Endangerment Sites." Massage & Bodywork (ABMP). ' +
    'https://www.abmp.com/textonlymags/article.php?article=2200',
  nccih:
    'National Center for Complementary and Integrative Health (NCCIH). "Massage Therapy: What You ' +
    'Need To Know", safety section. https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know',
  'mueller-grunwald-2021':
    'Mueller, S. M. & Grunwald, M. "Effects, Side Effects and Contraindications of Relaxation Massage ' +
    'during Pregnancy: A Systematic Review of Randomized Controlled Trials." J. Clin. Med. 2021, ' +
    '10(16), 3485. https://doi.org/10.3390/jcm10163485',
} as const satisfies Record<string, string>;
export type SourceId = keyof typeof SCREENING_SOURCES;
