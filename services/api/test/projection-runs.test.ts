// Which appended entries a projector writes together (decision 0031, amended): consecutive entries of
// a type whose projector writes runs, and no others.
import { describe, expect, it } from 'vitest';
import { projectionRuns } from '../src/projections/index.ts';

describe('projectionRuns', () => {
  it('groups consecutive attestations, and leaves every other entry alone', () => {
    const types = [
      'attestation.recorded',
      'attestation.recorded',
      'attestation.recorded',
      'key.registered',
      'key.registered',
      'attestation.recorded',
      'epcis.event',
      'epcis.event',
    ];
    expect(projectionRuns(types.map((type) => ({ type })))).toEqual([
      [0, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 7],
      [7, 8],
    ]);
  });

  it('has no runs for no entries', () => {
    expect(projectionRuns([])).toEqual([]);
  });
});
