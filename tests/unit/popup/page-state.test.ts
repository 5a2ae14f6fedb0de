import { describe, expect, it } from 'vitest';
import { hostnameOf, mentionsText, tabIdFromSearch, topicRows } from '../../../src/popup/page-state';

describe('tabIdFromSearch', () => {
  it.each([
    ['?tab=42', 42],
    ['?x=1&tab=7', 7],
    ['', undefined],
    ['?tab=', undefined],
    ['?tab=-1', undefined],
    ['?tab=4.5', undefined],
    ['?tab=abc', undefined],
    ['?tab=99999999999999999999', undefined],
  ])('reads %j as %j', (search, id) => {
    expect(tabIdFromSearch(search)).toBe(id);
  });
});

describe('hostnameOf', () => {
  it('gives the host of web pages only', () => {
    expect(hostnameOf('https://www.example.com/a?b#c')).toBe('www.example.com');
    expect(hostnameOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    expect(hostnameOf('file:///home/me/page.html')).toBe('');
    expect(hostnameOf('about:blank')).toBe('');
    expect(hostnameOf('not a url')).toBe('');
  });
});

describe('topicRows', () => {
  it('lists the mentioned topics in the knowledge base order, core topics first', () => {
    expect(topicRows({ 'kim-il-sung': 2, 'sino-vietnamese-war': 4, 'korean-war': 11, 'mao-zedong': 0 })).toEqual([
      { topic: 'korean-war', count: 11 },
      { topic: 'sino-vietnamese-war', count: 4 },
      { topic: 'kim-il-sung', count: 2 },
    ]);
    expect(topicRows({})).toEqual([]);
  });

  it('counts in words', () => {
    expect(mentionsText(1)).toBe('1 mention');
    expect(mentionsText(15)).toBe('15 mentions');
  });
});
