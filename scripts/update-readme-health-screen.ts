// npm run docs:health-screen — regenerates README.md's "Health screen" section from the rule data, so the
// documented rules are the ones the code applies. Only the text between the two markers is rewritten;
// tests/unit/readme-health-screen.test.ts fails when the committed section is out of date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRulesMarkdown } from '../src/modules/screening/screening.rules.ts';

export const HEALTH_SCREEN_START = '<!-- health-screen:start -->';
export const HEALTH_SCREEN_END = '<!-- health-screen:end -->';
export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

/** What belongs between the markers. The blank line before the end marker keeps it out of the sources list. */
export function generatedHealthScreenSection(): string {
  return `\n${renderRulesMarkdown()}\n`;
}

function markerPositions(readme: string): { contentStart: number; contentEnd: number } {
  const start = readme.indexOf(HEALTH_SCREEN_START);
  const end = readme.indexOf(HEALTH_SCREEN_END);
  const once = (marker: string, at: number) => at !== -1 && readme.indexOf(marker, at + 1) === -1;
  if (!once(HEALTH_SCREEN_START, start) || !once(HEALTH_SCREEN_END, end) || end < start) {
    throw new Error(
      `README.md must contain ${HEALTH_SCREEN_START} followed by ${HEALTH_SCREEN_END}, once each, ` +
        'where the Health screen section goes',
    );
  }
  return { contentStart: start + HEALTH_SCREEN_START.length, contentEnd: end };
}

/** The text between the markers; throws when they are missing, repeated or out of order. */
export function healthScreenSectionOf(readme: string): string {
  const { contentStart, contentEnd } = markerPositions(readme);
  return readme.slice(contentStart, contentEnd);
}

/** The README with `section` between the markers and every other byte unchanged. */
export function withHealthScreenSection(readme: string, section: string): string {
  const { contentStart, contentEnd } = markerPositions(readme);
  return readme.slice(0, contentStart) + section + readme.slice(contentEnd);
}

function main(): void {
  const section = generatedHealthScreenSection();
  if (!existsSync(README_PATH)) {
    writeFileSync(README_PATH, `# Kneadful\n\n${HEALTH_SCREEN_START}${section}${HEALTH_SCREEN_END}\n`);
    console.log('README.md created with the Health screen section');
    return;
  }
  const readme = readFileSync(README_PATH, 'utf8');
  const updated = withHealthScreenSection(readme, section);
  if (updated === readme) {
    console.log('README.md Health screen section is already up to date');
    return;
  }
  writeFileSync(README_PATH, updated);
  console.log('README.md Health screen section updated');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
