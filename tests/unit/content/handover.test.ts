/**
 * The meeting point of the lookout, the marker and the custom-terms mark in one world.
 */
import { describe, expect, it, vi } from 'vitest';
import { awaitMarker, hasCustomTerms, markCustomTerms, markerArrived } from '../../../src/content/handover';

describe('handover', () => {
  it('tells the latest lookout, once, that a marker arrived', () => {
    const scope = {};
    const older = vi.fn();
    const latest = vi.fn();
    awaitMarker(scope, older);
    awaitMarker(scope, latest);
    markerArrived(scope);
    markerArrived(scope);
    expect(older).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
  });

  it('carries the custom-terms mark from its script to the lookout', () => {
    const scope = {};
    expect(hasCustomTerms(scope)).toBe(false);
    markCustomTerms(scope);
    expect(hasCustomTerms(scope)).toBe(true);
    expect(hasCustomTerms({})).toBe(false);
  });
});
