import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HEALTH_SCREEN_END,
  HEALTH_SCREEN_START,
  README_PATH,
  generatedHealthScreenSection,
  healthScreenSectionOf,
  withHealthScreenSection,
} from '../../scripts/update-readme-health-screen.ts';

const OUT_OF_DATE = "README.md's Health screen section differs from the rule data: run npm run docs:health-screen";

describe('README health screen section', () => {
  it('matches the rules table generated from the rule data', () => {
    expect(existsSync(README_PATH), `README.md is missing: ${OUT_OF_DATE}`).toBe(true);
    const readme = readFileSync(README_PATH, 'utf8');
    expect(healthScreenSectionOf(readme), OUT_OF_DATE).toBe(generatedHealthScreenSection());
  });
});

describe('rewriting the section between the markers', () => {
  const readme = `# Kneadful\n\nIntro.\n\n${HEALTH_SCREEN_START}\nold rules\n${HEALTH_SCREEN_END}\n\n## Licence\n`;

  it('replaces only the text between the markers', () => {
    expect(withHealthScreenSection(readme, '\nnew rules\n')).toBe(
      `# Kneadful\n\nIntro.\n\n${HEALTH_SCREEN_START}\nnew rules\n${HEALTH_SCREEN_END}\n\n## Licence\n`,
    );
  });

  it('reads back what it wrote, so a second run changes nothing', () => {
    const once = withHealthScreenSection(readme, generatedHealthScreenSection());
    expect(healthScreenSectionOf(once)).toBe(generatedHealthScreenSection());
    expect(withHealthScreenSection(once, generatedHealthScreenSection())).toBe(once);
  });

  it('refuses a README whose markers are missing, repeated or reversed', () => {
    const reversed = `${HEALTH_SCREEN_END}\n${HEALTH_SCREEN_START}\n`;
    const repeated = `${readme}\n${HEALTH_SCREEN_START}\n`;
    for (const broken of ['# Kneadful\n', reversed, repeated]) {
      expect(() => withHealthScreenSection(broken, 'x')).toThrow(/must contain <!-- health-screen:start -->/);
    }
  });

  it('keeps a blank line between the generated sources list and the end marker', () => {
    expect(generatedHealthScreenSection().startsWith('\n## Health screen\n')).toBe(true);
    expect(generatedHealthScreenSection().endsWith('\n\n')).toBe(true);
  });
});
