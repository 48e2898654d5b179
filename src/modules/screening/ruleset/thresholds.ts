/**
 * Clinical thresholds shared by the rows and their README wording. Named once, so a row's predicate, its
 * condition text and its therapist note cannot quote different numbers.
 */

/** Bone needs roughly this long to knit before nearby pressure is safe (Werner & Benjamin). */
export const FRACTURE_CAUTION_WEEKS = 8;
export const SURGERY_CAUTION_WEEKS = 6;
/** The trials in Mueller & Grunwald all started at 12+ weeks: no evidence base earlier. */
export const FIRST_TRIMESTER_END_WEEK = 13;
/** From about here lying supine or on the right side can compress the vena cava. */
export const LEFT_SIDE_LYING_FROM_WEEK = 22;
