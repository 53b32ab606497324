import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('says unknown for null, undefined and non-numbers', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });
  it('writes whole bytes below 1 KB (rates may be fractional)', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(512.6)).toBe('513 B');
  });
  it('by default keeps one fraction digit below 10 and none above', () => {
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TB');
  });
  it('keeps the digits it is asked for', () => {
    expect(formatBytes(64 * 1024 * 1024, 0)).toBe('64 MB');
    expect(formatBytes(12.34 * 1024 * 1024, 1)).toBe('12.3 MB');
    expect(formatBytes(-2048, 1)).toBe('-2.0 KB');
  });
});
