// The `?iife` imports of @crxjs/vite-plugin: the output file name of a script built for
// scripting.executeScript (src/background/marker.ts).
/// <reference types="@crxjs/vite-plugin/client" />

// The lookout's name screen, made at build time from every name (vite.config.ts, writeNameScreenModule).
declare module 'virtual:yalu-name-screen' {
  const patterns: import('./matching/screen').ScreenPatterns;
  export default patterns;
}
