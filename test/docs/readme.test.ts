import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUMMARY_FIELDS } from '../../src/metrics/summary.js';
import { TIMELINE_FIELDS } from '../../src/metrics/timeline-fields.js';
import { modelReferenceMarkdown } from '../../src/scenario/model-reference.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has the quickstart lines', () => {
    expect(readme).toContain('npm ci && npx sim run workloads/diurnal.json --seed 42');
    expect(readme).toContain('npm test');
  });

  it('carries the current model reference (regenerate: node bin/sim.js models)', () => {
    const start = '<!-- model-reference:start -->\n';
    const body = readme.slice(readme.indexOf(start) + start.length, readme.indexOf('<!-- model-reference:end -->'));
    expect(body.trim()).toBe(modelReferenceMarkdown().trim());
  });

  it('lists every summary and timeline field', () => {
    const flat = readme.replace(/\s+/g, ' ');
    expect(flat).toContain(SUMMARY_FIELDS.join(', '));
    expect(flat).toContain(TIMELINE_FIELDS.join(', '));
  });
});
