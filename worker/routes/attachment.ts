/**
 * Content-Disposition of a download (RFC 6266): an ASCII fallback for old clients (accents
 * dropped, anything else outside [A-Za-z0-9._-] replaced by « - ») and the exact name in UTF-8
 * (`filename*`), which browsers and the task pane prefer.
 */
export function attachment(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}
