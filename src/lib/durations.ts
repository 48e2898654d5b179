// Named lengths of time in milliseconds (and minutes where the schema counts minutes), so arithmetic on instants
// reads as what it means. Real elapsed time: a calendar day across a DST change is not MS_PER_DAY long.
export const MS_PER_SECOND = 1_000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
export const MINUTES_PER_HOUR = 60;
export const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;
