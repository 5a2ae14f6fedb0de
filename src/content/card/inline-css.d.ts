/** CSS imported with `?inline` is bundled as a string: the card adopts it as a constructed sheet. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
