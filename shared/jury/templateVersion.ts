/**
 * Version of the jury sheet layout and of its hidden metadata. Bump it whenever the layout, the
 * metadata columns or the checksum payload change; the importer refuses a version it does not
 * list in SUPPORTED_TEMPLATE_VERSIONS, so a sheet is never read with the wrong layout.
 */
export const JURY_TEMPLATE_VERSION = 1

/** Versions the importer can read (older ones stay here as long as their sheets may come back). */
export const SUPPORTED_TEMPLATE_VERSIONS: readonly number[] = [1]

/** Name of the veryHidden sheet holding one metadata row per jury sheet. */
export const METADATA_SHEET_NAME = '_certibloc'

/** First cell of the metadata sheet: tells a Certibloc metadata sheet from a sheet of that name. */
export const METADATA_MARKER = 'certibloc-jury-metadata'
