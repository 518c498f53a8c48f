// The one Vite API the renderer uses (catalog discovery); declared here rather than pulling in vite/client's
// asset-module typings for the whole renderer.
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
}
