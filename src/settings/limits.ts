/** Limits of the settings, in one place for the schema, the validators and the options page. */
export const LIMITS = {
  termMinLength: 3,
  /** Chinese, Japanese and Korean pack a word into two characters. */
  termMinLengthCjk: 2,
  termMaxLength: 80,
  termsPerTopic: 50,
  dwellMinMs: 0,
  dwellMaxMs: 1500,
  sitePatterns: 200,
  /** The longest DNS name. */
  sitePatternMaxLength: 253,
} as const;
