import { describe, expect, it } from 'vitest';
import { colourSlots, serviceOfTag, tagOf } from './container-labels';

describe('merged-log tags (issue 17.4)', () => {
  it('drops the project, with either compose separator, and keeps service and replica', () => {
    expect(tagOf('slipway-demo_app-blue_1', 'slipway-demo')).toBe('app-blue_1');
    expect(tagOf('shop-web-2', 'shop')).toBe('web-2');
    expect(tagOf('other_web_1', 'shop')).toBe('other_web_1');
    expect(tagOf('single', undefined)).toBe('single');
  });

  it('gives every replica of a service the same colour slot', () => {
    expect(serviceOfTag('app-blue_1')).toBe('app-blue');
    expect(colourSlots(['web_1', 'db_1', 'web_2', 'worker-1', 'db_2'])).toEqual([0, 1, 0, 2, 1]);
  });
});
