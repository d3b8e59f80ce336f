// Style sheets are bundled by esbuild (scripts/build-web.ts).
declare module '*.css';
