// The `?iife` imports of @crxjs/vite-plugin: the output file name of a script built for
// scripting.executeScript (src/background/marker.ts).
/// <reference types="@crxjs/vite-plugin/client" />

// The prefilter keys of every name, computed at build time (vite.config.ts, nameKeysModule).
declare module 'virtual:yalu-name-keys' {
  const keys: readonly string[];
  export default keys;
}
