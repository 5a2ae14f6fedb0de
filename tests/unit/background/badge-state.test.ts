import { describe, expect, it } from 'vitest';
import { actionLook, badgeText } from '../../../src/background/badge-state';

describe('badgeText', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [15, '15'],
    [999, '999'],
    [1000, '999+'],
  ])('shows %i as %j', (total, text) => {
    expect(badgeText(total)).toBe(text);
  });
});

describe('actionLook', () => {
  const counts = { counts: { 'korean-war': 11, 'sino-vietnamese-war': 4 }, total: 15 };

  it('counts the mentions and breaks them down in the tooltip', () => {
    expect(actionLook(counts, true)).toEqual({
      text: '15',
      title: 'Yalu Lens: 15 mentions on this page\nKorean War: 11\n1979 Sino-Vietnamese War: 4',
      paused: false,
    });
  });

  it('leaves the badge out when the reader turned it off, but keeps the tooltip', () => {
    expect(actionLook(counts, false)).toMatchObject({ text: '', paused: false });
    expect(actionLook(counts, false).title).toContain('15 mentions');
  });

  it('draws the icon paused, with a tooltip that says where', () => {
    expect(actionLook({ counts: {}, total: 0, paused: 'site' }, true)).toEqual({
      text: '',
      title: 'Yalu Lens is paused on this site',
      paused: true,
    });
    expect(actionLook({ counts: {}, total: 0, paused: 'everywhere' }, false)).toEqual({
      text: '',
      title: 'Yalu Lens is paused on every site',
      paused: true,
    });
  });

  it('looks plain for a page without mentions or without a content script', () => {
    const plain = { text: '', title: 'Yalu Lens', paused: false };
    expect(actionLook({ counts: {}, total: 0 }, true)).toEqual(plain);
    expect(actionLook(undefined, true)).toEqual(plain);
  });

  it('says "1 mention"', () => {
    expect(actionLook({ counts: { 'korean-war': 1 }, total: 1 }, true).title).toBe(
      'Yalu Lens: 1 mention on this page\nKorean War: 1',
    );
  });
});
