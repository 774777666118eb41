/**
 * QR codes drawn as vector squares (no image): `qrcode-generator` (MIT, pinned) computes the
 * modules; error correction M survives a crease or a poor print.
 */
import qrcode from 'qrcode-generator'
import type { PdfPage } from './pdfWriter'

/** Dark modules of the QR code of `text`, row by row. */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, 'M')
  code.addData(text, 'Byte')
  code.make()
  const count = code.getModuleCount()
  return Array.from({ length: count }, (_, row) => Array.from({ length: count }, (_, col) => code.isDark(row, col)))
}

/**
 * Draws the QR code of `text` as a `size`-point square whose bottom-left corner is (x, y). The
 * caller keeps four modules of white around it (the quiet zone readers need).
 */
export function drawQrCode(page: PdfPage, text: string, x: number, y: number, size: number): void {
  const modules = qrModules(text)
  const cell = size / modules.length
  const cells: Array<[number, number]> = []
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) cells.push([x + c * cell, y + size - (r + 1) * cell])
    }),
  )
  page.squares(cells, cell, [0, 0, 0])
}
