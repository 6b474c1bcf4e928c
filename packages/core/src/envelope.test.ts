import { describe, expect, it } from 'vitest';
import { resultEnvelope, SCHEMA_VERSION } from './index.js';

describe('resultEnvelope', () => {
  const versions = { '@maxent/cli': '1.2.3', '@maxent/core': '0.1.0' };

  it('writes schemaVersion, kind, config, seed, versions in this order (files are compared byte for byte)', () => {
    const envelope = resultEnvelope('sweep', { a: 1 }, 7, versions);
    expect(JSON.stringify(envelope)).toBe(
      '{"schemaVersion":1,"kind":"sweep","config":{"a":1},"seed":7,"versions":{"@maxent/cli":"1.2.3","@maxent/core":"0.1.0"}}',
    );
    expect(SCHEMA_VERSION).toBe(1);
  });

  it('leaves out seed where no randomness was used, and copies versions', () => {
    const envelope = resultEnvelope('maxent-solution', {}, undefined, versions);
    expect(Object.keys(envelope)).toEqual(['schemaVersion', 'kind', 'config', 'versions']);
    expect(envelope.versions).not.toBe(versions);
    expect(envelope.versions).toEqual(versions);
  });
});
