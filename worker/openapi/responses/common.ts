/** Small building blocks of the response schemas. */
import * as z from '../../../shared/zod'

/** An instant as the Worker writes it (`2026-06-30T14:05:00.000Z`). */
export const dateTime = z.iso.datetime()
/** A calendar day (`2026-06-30`). */
export const date = z.iso.date()
/** A day as sessions store it: the format is checked, not the calendar. */
export const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
export const id = z.string().min(1)
/** Stored mark values: a canonical code (ACQ, ABS…), a score, or null (not graded). */
export const markValue = z.union([z.string(), z.number(), z.null()])
/** Anything JSON: audit details, raw rows of the RGPD export. */
export const jsonObject = z.record(z.string(), z.unknown())
